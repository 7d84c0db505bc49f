// One product lookup per request, shared by generateMetadata and the page.
import "server-only";
import { cache } from "react";
import { getProduct } from "@/lib/products/queries";

export const loadProduct = cache(getProduct);
