// A data product's page, ordered for its readers: what it is and who owns it, whether it is used, how to
// get access, its fields and service levels; then, folded for readers and open for the team that runs it,
// lifecycle, compliance and deployments; then the tabs (?tab=, so no JS needed) for the rest.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { productPath } from "@/lib/products/dto";
import { CONFIRMED_MOVES, TRANSITIONS } from "@/lib/products/lifecycle";
import { impactOfChange } from "@/lib/lineage/server";
import { productSloActuals } from "@/lib/metrics/queries";
import { listLifecycleEvents, listVersions } from "@/lib/products/queries";
import { ClassificationBadge, LifecycleBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { loadProduct } from "../load-product";
import { ProductTabs, parseTab, type TabId } from "../components/product-tabs";
import { OverviewSection } from "../components/overview-section";
import { AccessSection, DatasetsSection, LineageSection, SchemaSection, SloSection } from "../components/spec-sections";
import { HistorySection, VersionsSection } from "../components/activity-sections";
import { LifecycleActions } from "../components/lifecycle-actions";
import { ComplianceCard } from "../components/compliance-card";
import { ProductConsumerSection } from "@/app/(portal)/products/[domain]/[product]/components/product-consumer-section";
import type { ProductDetail } from "@/lib/products/dto";
import { DeploymentsSection } from "@/app/(portal)/products/[domain]/[product]/components/deployments-section";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";
import { FollowButton } from "@/app/(portal)/products/[domain]/[product]/components/follow-button";
import { isFollowing } from "@/lib/notifications/queries";

type Params = Promise<{ domain: string; product: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { domain, product } = await params;
  return signedInTitle(async () => {
    const p = await loadProduct(domain, product);
    return p ? `${p.name} · ${p.domainName}` : "Data product not found";
  });
}

export default async function ProductPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ tab?: string | string[]; imported?: string | string[]; dataset?: string | string[] }>;
}) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const query = await searchParams;
  const tab = parseTab(query.tab);
  const basePath = productPath(product);

  const ref = { domain: product.domain, owner: product.owner };
  const canEdit = can.editProduct(user, ref) && product.lifecycle !== "retired";
  // Only the moves this user may make; the action checks again on the server.
  const transitions = TRANSITIONS[product.lifecycle]
    .filter((t) => (t.gate === "editor" ? can.submitProduct(user, ref) : can.moveLifecycle(user, ref)))
    .map((t) => ({ to: t.to, label: t.label }));
  // Who deprecating or retiring reaches, for the confirmation (only computed when one is offered).
  const impact = transitions.some((t) => CONFIRMED_MOVES[t.to]) ? await impactOfChange(product.id) : null;
  const runsIt = canEdit || transitions.length > 0 || can.provisionProduct(user, ref);
  const exportHref = `/api/products/${product.domain}/${product.name}/export`;
  const following = await isFollowing(user.id, product.id);
  const linkClass =
    "inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50";

  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} />
      <PageHeader
        title={<span className="break-all">{product.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">v{product.version}</span>
            <ClassificationBadge value={product.classification} />
            <LifecycleBadge value={product.lifecycle} />
            {product.lifecycle === "deprecated" && product.sunsetOn && (
              <span className="text-sm font-medium text-red-700" data-testid="sunset">
                Sunset on <time dateTime={product.sunsetOn}>{product.sunsetOn}</time>
              </span>
            )}
          </span>
        }
        actions={
          <>
            <FollowButton productId={product.id} path={basePath} following={following} />
            {canEdit && <ButtonLink href={`${basePath}/edit`}>Edit</ButtonLink>}
            {/* Plain links: these are downloads from a route handler, not pages to navigate to. */}
            <a className={linkClass} href={`${exportHref}?format=yaml`}>
              Export YAML
            </a>
            <a className={linkClass} href={`${exportHref}?format=odcs`}>
              Export ODCS
            </a>
            <a className={linkClass} href={`${exportHref}?format=odps`}>
              Export ODPS
            </a>
          </>
        }
      />
      {query.imported && (
        <Card title={query.imported === "versioned" ? "Imported as a new version" : "Imported"} className="mb-6">
          <div data-testid="import-outcome" className="text-sm">
            <p>
              {product.datasets.length} dataset(s) with {product.datasets.reduce((n, d) => n + d.properties.length, 0)} properties
              {product.contract ? `, contract ${product.contract.id} kept as declared` : ""}.
            </p>
            {(product.importNotes ?? []).length > 0 && (
              <ul className="mt-2 list-disc pl-5">
                {(product.importNotes ?? []).map((n, i) => (
                  <li key={i}>
                    {n.path && <code>{n.path}</code>} {n.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Card>
      )}
      <section aria-labelledby="about-heading" className="mb-6">
        <h2 id="about-heading" className="sr-only">
          About this product
        </h2>
        <p className="max-w-3xl whitespace-pre-line text-base text-slate-800" data-testid="product-description">
          {product.description}
        </p>
        <p className="mt-2 text-sm text-slate-600" data-testid="product-owner">
          Owner{" "}
          <a className="text-brand-700 underline" href={`mailto:${product.owner}`}>
            {product.owner}
          </a>{" "}
          ·{" "}
          <Link className="text-brand-700 underline" href={`/domains/${product.domain}`}>
            {product.domainName}
          </Link>{" "}
          domain
          {product.tags.length > 0 && <> · {product.tags.join(", ")}</>}
        </p>
      </section>
      <ProductConsumerSection
        product={product}
        user={user}
        query={{ tab: tab === "overview" ? undefined : tab, dataset: first(query.dataset) }}
      />
      {/* Products written before datasets existed, or by tools that bypass the services, have no dataset rows. */}
      {product.datasets.length > 0 ? (
        <section aria-labelledby="datasets-heading" className="mb-6">
          <h2 id="datasets-heading" className="mb-3 text-base font-semibold text-slate-900">
            Datasets and fields
          </h2>
          <DatasetsSection datasets={product.datasets} />
        </section>
      ) : (
        <Card title="Fields" className="mb-6">
          {product.spec.schema.length > 0 ? <SchemaSection fields={product.spec.schema} /> : <p className="text-sm">No fields declared.</p>}
        </Card>
      )}
      <Card title="Service levels" className="mb-6">
        <SloSection slo={product.spec.slo} actuals={await productSloActuals(product.id)} />
      </Card>
      {/* Operational detail: open for those who can act on it, one click away for readers. */}
      <details open={runsIt} className="group mb-6 rounded-lg bg-white ring-1 ring-slate-200" data-testid="operations">
        <summary className="cursor-pointer select-none px-4 py-3 text-base font-semibold text-slate-900 hover:bg-slate-50">
          Lifecycle, compliance and deployments
          <span className="ml-2 text-sm font-normal text-slate-500">for the team that runs it</span>
        </summary>
        <div className="border-t border-slate-200 p-4">
          {transitions.length > 0 && (
            <Card title="Lifecycle" className="mb-6">
              <LifecycleActions domain={product.domain} name={product.name} transitions={transitions} impact={impact} />
            </Card>
          )}
          <ComplianceCard latest={product.compliance} href={`${basePath}/compliance`} />
          <DeploymentsSection product={product} user={user} />
          <Link href={`${basePath}/deployments`} className="text-sm font-medium text-brand-700 hover:underline">
            All deployments and jobs →
          </Link>
        </div>
      </details>
      <ProductTabs basePath={basePath} active={tab} />
      <TabContent tab={tab} product={product} basePath={basePath} />
    </>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Each tab loads only what it shows.
async function TabContent({ tab, product, basePath }: { tab: TabId; product: ProductDetail; basePath: string }) {
  switch (tab) {
    case "access":
      return <AccessSection access={product.spec.access} />;
    case "lineage":
      return <LineageSection lineage={product.spec.lineage} productName={product.name} graphHref={`${basePath}/lineage`} />;
    case "versions":
      return <VersionsSection versions={await listVersions(product.id)} basePath={basePath} />;
    case "history":
      return <HistorySection events={await listLifecycleEvents(product.id)} />;
    default:
      return <OverviewSection product={product} />;
  }
}
