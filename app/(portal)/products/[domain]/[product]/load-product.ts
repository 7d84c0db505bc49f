// One product lookup per request (with its latest validation's figures), shared by generateMetadata, the
// status layout and the page: React's cache() makes the three calls one statement.
import "server-only";
import { cache } from "react";
import { getProductPage } from "@/lib/products/queries";

export const loadProduct = cache(getProductPage);
