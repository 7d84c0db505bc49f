// Edit a data product: only its editors, never once it is retired. Published products get a new version.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { productPath } from "@/lib/products/dto";
import { Card, PageHeader } from "@/components/ui/card";
import { ProductForm } from "@/components/products/product-form";
import { listOwnerOptions } from "@/lib/domains/service";
import { loadProduct } from "../load-product";
import { ProductBreadcrumb } from "../components/product-breadcrumb";
import { saveProductAction } from "./actions";
import { impactOfChange, listUpstreamOptions } from "@/lib/lineage/server";

export const metadata: Metadata = { title: "Edit data product" };

const DEFAULT_ROLES = ["data_consumer", "data_producer", "data_admin"];

export default async function EditProductPage({ params }: { params: Promise<{ domain: string; product: string }> }) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  if (!can.editProduct(user, { domain: product.domain })) forbidden();
  const back = productPath(product);

  if (product.lifecycle === "retired") {
    return (
      <>
        <ProductBreadcrumb domain={product.domain} name={product.name} page="Edit" />
        <PageHeader title={`Edit ${product.name}`} />
        <Card>
          <p className="text-sm text-slate-700">This product is retired, so it can no longer change.</p>
          <Link href={back} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
            Back to the product
          </Link>
        </Card>
      </>
    );
  }

  const immutable = product.lifecycle === "published" || product.lifecycle === "deprecated";
  // Offer the roles the product already grants alongside the platform's standard ones.
  const roleSuggestions = [...new Set([...product.spec.access.map((a) => a.role), ...DEFAULT_ROLES])];
  // Only the product's owners may hand it on: for other editors the select offers just the saved owner.
  const owners = can.moveLifecycle(user, { domain: product.domain })
    ? await listOwnerOptions([product.domain])
    : { [product.domain]: [{ email: product.owner, label: product.owner }] };
  // Who a breaking version reaches, shown where it is confirmed; the sources a user may pick.
  const [impact, upstreamProducts] = await Promise.all([immutable ? impactOfChange(product.id) : null, listUpstreamOptions()]);
  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Edit" />
      <PageHeader
        title={`Edit ${product.name}`}
        description={
          immutable ? (
            <>
              Version {product.version} is published and stays as it is; saving creates a new version. Raise the version number to match
              your change.
            </>
          ) : (
            <>Drafts and products in review are changed in place.</>
          )
        }
        actions={
          <Link href={back} className="text-sm text-brand-700 hover:underline">
            Cancel
          </Link>
        }
      />
      <ProductForm
        mode="edit"
        action={saveProductAction}
        initial={product.spec}
        domains={[{ slug: product.domain, name: product.domainName }]}
        owners={owners}
        roleSuggestions={roleSuggestions}
        saved={{ spec: product.spec, lockVersion: product.lockVersion, immutable }}
        impact={impact}
        upstreamProducts={upstreamProducts}
      />
    </>
  );
}
