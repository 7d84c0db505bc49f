// Catalog / Domain / Product / Page: the same trail on the product page and every page under it.
import { Breadcrumb, type Crumb } from "@/components/ui/breadcrumb";
import { productPath } from "@/lib/products/dto";
import { loadProduct } from "../load-product";

/** `page`: the sub-page's name, or its trail when it sits deeper (Deployments / Provisioning job). */
export async function ProductBreadcrumb({ domain, name, page }: { domain: string; name: string; page?: string | Crumb[] }) {
  // Cached per request: the page has loaded the product already.
  const product = await loadProduct(domain, name);
  return (
    <Breadcrumb
      items={[
        { label: "Catalog", href: "/catalog" },
        { label: product?.domainName ?? domain, href: `/domains/${domain}` },
        { label: name, href: productPath({ domain, name }) },
        ...(typeof page === "string" ? [{ label: page }] : (page ?? [])),
      ]}
    />
  );
}
