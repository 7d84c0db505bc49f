// The consumer side of a product page: access (request, or the owners' pending count), ratings and
// reviews, and data quality. One server component, so the product page adds a single element.
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { productConsumerView } from "@/lib/consumers/queries";
import { productUsage, type ProductUsage } from "@/lib/metrics/queries";
import { plural } from "@/lib/format";
import type { Satisfaction } from "@/lib/metrics/formulas";
import { accessVerdictFor } from "@/lib/consumers/access-path";
import { DataPreviewSection } from "@/app/(portal)/products/[domain]/[product]/components/data-preview-section";
import { productPath } from "@/lib/products/dto";
import { RequestAccessCard } from "@/app/(portal)/products/[domain]/[product]/components/request-access-card";
import { RatingsCard } from "@/app/(portal)/products/[domain]/[product]/components/ratings-card";
import { QualityCard } from "@/app/(portal)/products/[domain]/[product]/components/quality-card";
import { qualityTrend } from "@/lib/quality/record-quality-run";

export type ConsumerProduct = {
  id: string;
  domain: string;
  domainName: string;
  name: string;
  owner: string;
  lifecycle: string;
  classification: string;
};

export async function ProductConsumerSection({
  product,
  user,
  query = {},
}: {
  product: ConsumerProduct;
  user: CurrentUser;
  /** The product page's search parameters (the data preview's `dataset`, and `tab` it keeps). */
  query?: Record<string, string | undefined>;
}) {
  const ref = { domain: product.domain, owner: product.owner };
  const href = productPath(product);
  const canRun = can.runQualityCheck(user, ref) && product.lifecycle !== "retired";
  // Before publication there is nothing to request or rate: only the producers' quality check and data preview
  // remain, so only the quality runs are loaded (and nothing at all for those who cannot run it).
  if (product.lifecycle === "draft" || product.lifecycle === "in_review") {
    if (!canRun) return null;
    const [{ quality }, trend, verdict] = await Promise.all([
      productConsumerView(user, product.id, { decides: false, reviews: 0 }),
      qualityTrend(product.id),
      accessVerdictFor(user, product, null),
    ]);
    // Its producers see what they provisioned to staging before anyone else can: the same preview and snippets.
    return (
      <>
        <div className="mb-6 grid grid-cols-1 gap-4 lg:grid-cols-3" data-testid="consumer-section">
          <QualityCard productId={product.id} productHref={href} latest={quality.latest} runs={quality.total} canRun trend={trend} />
        </div>
        <DataPreviewSection product={product} user={user} verdict={verdict} basePath={href} query={query} />
      </>
    );
  }
  // One statement for the whole section (access, ratings, the three latest reviews, quality), one for usage.
  const member = user.domains[product.domain] !== undefined;
  const [{ access, summary, reviews, mine, quality }, usage, trend] = await Promise.all([
    productConsumerView(user, product.id, { decides: can.decideAccess(user, ref), reviews: 3 }),
    productUsage(product.id),
    qualityTrend(product.id),
  ]);
  const verdict = await accessVerdictFor(user, product, access.latest?.grant);
  return (
    <>
      <UsageLine usage={usage} rating={summary} />
      <div className="mb-6 grid grid-cols-1 gap-4 lg:grid-cols-3" data-testid="consumer-section">
        <RequestAccessCard
          productId={product.id}
          productHref={href}
          domainName={product.domainName}
          member={member}
          verdict={verdict}
          classification={product.classification}
          canRequest={can.requestAccess(user, ref) && verdict.kind === "grantable"}
          published={product.lifecycle === "published"}
          latest={access.latest}
          pendingForOwner={access.pendingForOwner}
          liveGrantsForOwner={access.liveGrantsForOwner}
        />
        <RatingsCard
          productId={product.id}
          productHref={href}
          summary={summary}
          reviews={reviews.items}
          reviewCount={reviews.total}
          mine={mine}
          canRate={can.rateProduct(user, ref) && (product.lifecycle === "published" || product.lifecycle === "deprecated")}
        />
        <QualityCard productId={product.id} productHref={href} latest={quality.latest} runs={quality.total} canRun={canRun} trend={trend} />
      </div>
      <DataPreviewSection product={product} user={user} verdict={verdict} basePath={href} query={query} />
    </>
  );
}

/** "12 people read it 340 times in the last 30 days · rated 4.2 / 5 from 7 ratings": is it used, and liked? */
function UsageLine({ usage, rating }: { usage: ProductUsage; rating: Satisfaction }) {
  return (
    <p className="mb-4 text-sm text-slate-700" data-testid="product-usage">
      {usage.reads === 0
        ? `Not read in the last ${usage.days} days`
        : `${plural(usage.consumers, "person", "people")} read it ${plural(usage.reads, "time")} in the last ${usage.days} days`}
      {" · "}
      {rating.mean === null ? "not rated yet" : `rated ${rating.mean.toFixed(1)} / 5 from ${plural(rating.count, "rating")}`}
    </p>
  );
}
