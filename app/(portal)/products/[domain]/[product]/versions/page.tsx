// All versions of a product, newest first, and a comparison of any two (?from=&to=, default: the one
// before the current version against the current one).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { productPath, type VersionSummary } from "@/lib/products/dto";
import { diffSpecs } from "@/lib/products/diff";
import { getVersionSpec, listVersions } from "@/lib/products/queries";
import type { DataProductSpec } from "@/lib/products/types";
import { Card, PageHeader } from "@/components/ui/card";
import { loadProduct } from "../load-product";
import { VersionsSection } from "../components/activity-sections";
import { CompareForm } from "./components/compare-form";
import { ChangeTable } from "./components/change-table";
import { FieldComparison } from "./components/field-comparison";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

export const metadata: Metadata = { title: "Versions" };

type SearchParams = Promise<{ from?: string | string[]; to?: string | string[] }>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

type Comparison =
  { kind: "none"; message: string } | { kind: "ok"; from: string; to: string; before: DataProductSpec; after: DataProductSpec };

/** Resolves the requested pair against the versions that exist, with plain-words messages for bad input. */
async function resolveComparison(
  productId: string,
  versions: VersionSummary[],
  current: string,
  params: { from?: string; to?: string },
): Promise<Comparison> {
  if (versions.length < 2) return { kind: "none", message: "There is only one version so far, so there is nothing to compare yet." };
  const known = new Set(versions.map((v) => v.version));
  const to = params.to ?? (known.has(current) ? current : versions[0].version);
  const toIndex = versions.findIndex((v) => v.version === to);
  // Newest first, so the version before `to` is the next one in the list.
  const from = params.from ?? versions[toIndex + 1]?.version;
  for (const [label, v] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (v !== undefined && !known.has(v)) {
      return {
        kind: "none",
        message: `There is no version “${v.slice(0, 40)}” of this product (${label}). Choose versions from the lists.`,
      };
    }
  }
  if (!from) return { kind: "none", message: `${to} is the first version; choose an older “from” version to compare.` };
  if (from === to) return { kind: "none", message: "Choose two different versions to compare." };
  const [before, after] = await Promise.all([getVersionSpec(productId, from), getVersionSpec(productId, to)]);
  if (!before || !after) return { kind: "none", message: "One of these versions could not be loaded. Reload and try again." };
  return { kind: "ok", from, to, before, after };
}

export default async function VersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ domain: string; product: string }>;
  searchParams: SearchParams;
}) {
  await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const basePath = productPath(product);
  const query = await searchParams;
  const versions = await listVersions(product.id);
  const comparison = await resolveComparison(product.id, versions, product.version, { from: first(query.from), to: first(query.to) });

  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Versions" />
      <PageHeader
        title={`Versions of ${product.name}`}
        description={
          <>
            Current version <span className="font-mono">{product.version}</span>
          </>
        }
      />
      <div className="space-y-6">
        {versions.length >= 2 && (
          <Card title="Compare">
            <CompareForm
              action={`${basePath}/versions`}
              versions={versions}
              current={product.version}
              from={comparison.kind === "ok" ? comparison.from : first(query.from)}
              to={comparison.kind === "ok" ? comparison.to : first(query.to)}
            />
          </Card>
        )}
        {comparison.kind === "none" ? (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="compare-message">
            {comparison.message}
          </p>
        ) : (
          <>
            <Card
              title={
                <>
                  Changes from <span className="font-mono">{comparison.from}</span> to <span className="font-mono">{comparison.to}</span>
                </>
              }
            >
              <ChangeTable changes={diffSpecs(comparison.before, comparison.after)} />
            </Card>
            <Card title="Schema side by side">
              <FieldComparison before={comparison.before.schema} after={comparison.after.schema} />
            </Card>
          </>
        )}
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 text-base font-semibold text-slate-900">
            History
          </h2>
          <VersionsSection versions={versions} basePath={basePath} showCompareAll={false} />
        </section>
      </div>
    </>
  );
}
