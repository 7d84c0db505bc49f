// The status of a product page's answer (sign-in, 404) is decided here, above its loading.tsx: once the
// skeleton streams, the response is a 200 whatever the page decides later. The page checks again (cached).
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { loadProduct } from "./load-product";

export default async function ProductStatusLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ domain: string; product: string }>;
}) {
  await requirePageUser();
  const { domain, product } = await params;
  if (!(await loadProduct(domain, product))) notFound();
  return children;
}
