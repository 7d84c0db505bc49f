// One domain's success metrics: the same figures as the mesh dashboard limited to the domain, plus its
// products. Open to metric readers and to the domain's own team (any membership); others get 403.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { dashboardTargets, getMetricsDomain, loadDashboard, productBreakdown } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { parseRange, rangeQuery, toDay, type RangeParams } from "@/lib/metrics/period";
import { exportHref } from "@/lib/metrics/export";
import { STAGE_LABELS } from "@/lib/metrics/rollout";
import { PageHeader } from "@/components/ui/card";
import { Badge, LifecycleBadge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { ChartCard } from "@/components/metrics/chart-card";
import { RangePicker } from "@/components/metrics/range-picker";
import { PrintButton } from "@/components/metrics/print-button";
import { fmtCount, fmtDecimal, fmtPercent, fmtScore } from "@/components/metrics/format";
import { AnnotationList, ChartsGrid, KpiGrid, TechnicalTables } from "../../components/dashboard-view";
import { parsePage } from "@/lib/pagination";

const PAGE_SIZE = 20;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RangeParams & { page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return signedInTitle(() => `Metrics · ${slug}`);
}

export default async function DomainMetricsPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { slug } = await params;
  if (!can.readDomainMetrics(user, slug)) forbidden();
  const domain = await getMetricsDomain(slug);
  if (!domain) notFound();
  const sp = await searchParams;
  const range = parseRange(sp);
  const pageNo = parsePage(sp.page);
  const scope = { domainId: domain.id };
  const [d, storage, products, targets] = await Promise.all([
    loadDashboard(scope, range),
    storageEfficiency(scope),
    productBreakdown(domain.id, range, { page: pageNo, pageSize: PAGE_SIZE }),
    dashboardTargets(domain.slug),
  ]);
  const base = `/metrics/domains/${domain.slug}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        {can.readMetrics(user) ? (
          <Link href={`/metrics?${rangeQuery(range)}`} className="hover:underline">
            Success metrics
          </Link>
        ) : (
          <Link href={`/domains/${domain.slug}`} className="hover:underline">
            {domain.name}
          </Link>
        )}{" "}
        / {domain.name}
      </nav>
      <PageHeader
        title={`${domain.name} metrics`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            Rollout stage <Badge tone="blue">{STAGE_LABELS[domain.rolloutStage]}</Badge> · figures for this domain&apos;s products only
          </span>
        }
        actions={<PrintButton />}
      />
      <div className="space-y-6">
        <RangePicker basePath={base} range={range} today={toDay(new Date())} />
        <KpiGrid d={d} storage={storage} />
        <ChartsGrid d={d} domain={domain.slug} targets={targets} />
        <AnnotationList d={d} />
        <ChartCard
          testId="table-domain-products"
          title="Products"
          definition="Figures for the selected period per product; the latest quality score is from its most recent run."
          csvHref={exportHref("domain-products", range, domain.slug)}
        >
          <Table>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Lifecycle</Th>
                <Th className="text-right">Reads</Th>
                <Th className="text-right">API requests</Th>
                <Th className="text-right">Availability</Th>
                <Th className="text-right">Quality</Th>
                <Th className="text-right">Latest quality</Th>
                <Th className="text-right">Rating</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {products.items.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link href={`/products/${domain.slug}/${p.name}`} className="break-all font-medium text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                  </Td>
                  <Td>
                    <LifecycleBadge value={p.lifecycle} />
                  </Td>
                  <Td className="text-right tabular-nums">{fmtCount(p.reads)}</Td>
                  <Td className="text-right tabular-nums">{fmtCount(p.requests)}</Td>
                  <Td className="text-right tabular-nums">{fmtPercent(p.availability, 2)}</Td>
                  <Td className="text-right tabular-nums">{fmtScore(p.quality)}</Td>
                  <Td className="text-right tabular-nums">{fmtScore(p.lastQuality)}</Td>
                  <Td className="text-right tabular-nums">{p.rating === null ? "—" : `${fmtDecimal(p.rating, 1)} (${p.ratings})`}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="no-print">
            <Pagination
              page={pageNo}
              pageSize={PAGE_SIZE}
              total={products.total}
              basePath={base}
              params={{ range: sp.range as string | undefined, from: sp.from as string | undefined, to: sp.to as string | undefined }}
            />
          </div>
        </ChartCard>
        <TechnicalTables d={d} storage={storage} domain={domain.slug} />
      </div>
    </>
  );
}
