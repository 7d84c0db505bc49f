// The dashboard body shared by the mesh page and a domain's page: KPI tiles with trends, the time-series
// charts (each with its CSV), and the technical figures. Server component; charts hydrate on the client.
import Link from "next/link";
import type { Dashboard } from "@/lib/metrics/queries";
import type { DashboardTargets } from "@/lib/metrics/targets";
import type { StorageSummary } from "@/lib/metrics/storage";
import { DEFINITIONS, PLAIN } from "@/lib/metrics/formulas";
import { exportHref } from "@/lib/metrics/export";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { ChartCard } from "@/components/metrics/chart-card";
import { KpiTile } from "@/components/metrics/kpi-tile";
import { TimeSeriesChart, type ChartMarker } from "@/components/metrics/time-series-chart";
import { formatUtc } from "@/lib/format";
import { fmtBytes, fmtCount, fmtDecimal, fmtDuration, fmtMoney, fmtPercent, fmtScore } from "@/components/metrics/format";

const LIFECYCLES = ["draft", "in_review", "published", "deprecated", "retired"] as const;

export function KpiGrid({ d, storage }: { d: Dashboard; storage: StorageSummary }) {
  const k = d.kpis;
  const costNote =
    d.cost.savingRatio === null ? "No published products" : `${fmtPercent(d.cost.savingRatio, 0)} below the central-team baseline`;
  return (
    <div className="kpi-grid grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpi-grid">
      <KpiTile
        testId="kpi-products"
        label="Published data products"
        value={fmtCount(k.publishedProducts.value)}
        trend={k.publishedProducts.trend}
        trendLabel="vs start of period"
        note={`${d.products.total} registered · ${k.innovationPerMonth.published} published in this period`}
        plain={PLAIN.productCount}
        definition={DEFINITIONS.productCount}
      />
      <KpiTile
        testId="kpi-availability"
        label="API availability"
        value={fmtPercent(k.availability.value, 2)}
        trend={k.availability.trend}
        plain={PLAIN.availability}
        definition={DEFINITIONS.availability}
      />
      <KpiTile
        testId="kpi-quality"
        label="Data quality score"
        value={fmtScore(k.qualityScore.value)}
        trend={k.qualityScore.trend}
        plain={PLAIN.quality}
        definition={DEFINITIONS.quality}
      />
      <KpiTile
        testId="kpi-latency"
        label="Processing latency (p95)"
        value={fmtDuration(d.latency.ingestion.p95)}
        trend={d.latency.ingestion.p95Trend}
        higherIsBetter={false}
        note={`Ingestion p50 ${fmtDuration(d.latency.ingestion.p50)} · provisioning p95 ${fmtDuration(d.latency.provisioning.p95)}`}
        plain={PLAIN.latency}
        definition={DEFINITIONS.latency}
      />
      <KpiTile
        testId="kpi-time-to-insight"
        label="Time to insight"
        value={fmtDuration(k.timeToFirstReadMs.value)}
        trend={k.timeToFirstReadMs.trend}
        higherIsBetter={false}
        note={`Publication → first read (${k.timeToFirstReadMs.count} products) · request → grant ${fmtDuration(k.timeToGrantMs.value)} (${k.timeToGrantMs.count} grants)`}
        plain={PLAIN.timeToInsight}
        definition={DEFINITIONS.timeToInsight}
      />
      <KpiTile
        testId="kpi-usage"
        label="Data usage (reads)"
        value={fmtCount(k.reads.value)}
        trend={k.reads.trend}
        note={`${k.reads.growth === null ? "No reads in the previous period" : `${k.reads.growth >= 0 ? "+" : ""}${fmtPercent(k.reads.growth, 0)} vs previous period`} · ${fmtCount(k.consumers.value)} distinct consumers`}
        plain={PLAIN.usage}
        definition={DEFINITIONS.usage}
      />
      <KpiTile
        testId="kpi-satisfaction"
        label="User satisfaction"
        value={k.satisfaction.value === null ? "—" : `${fmtDecimal(k.satisfaction.value, 2)} / 5`}
        trend={k.satisfaction.trend}
        note={`${k.satisfaction.count} ratings in this period`}
        plain={PLAIN.satisfaction}
        definition={DEFINITIONS.satisfaction}
      />
      <KpiTile
        testId="kpi-innovation"
        label="Innovation rate"
        value={`${fmtDecimal(k.innovationPerMonth.value, 1)} / month`}
        trend={k.innovationPerMonth.trend}
        plain={PLAIN.innovation}
        definition={DEFINITIONS.innovation}
      />
      <KpiTile
        testId="kpi-cost"
        label="Cost reduction (model)"
        value={fmtMoney(d.cost.savingMonthly, d.cost.model.currency) + " / month"}
        note={
          <>
            <Badge tone="amber">Model</Badge> {costNote}
          </>
        }
        plain={PLAIN.cost}
        definition={DEFINITIONS.cost}
        href="/metrics/cost-model"
      />
      <KpiTile
        testId="kpi-storage"
        label="Storage efficiency"
        value={storage.bytesPerRow === null ? "—" : `${fmtBytes(storage.bytesPerRow)} / row`}
        note={`${storage.provisioned} of ${storage.products} published products provisioned · ${fmtBytes(storage.bytesPerProduct)} per product`}
        plain={PLAIN.storage}
        definition={DEFINITIONS.storage}
      />
      <KpiTile
        testId="kpi-consumers"
        label="Distinct consumers"
        value={fmtCount(k.consumers.value)}
        trend={k.consumers.trend}
        note={`${fmtCount(k.accessRequests.value)} access requests in this period`}
        plain={PLAIN.consumers}
        definition={DEFINITIONS.consumers}
      />
      <KpiTile
        testId="kpi-api-latency"
        label="API latency (p95)"
        value={fmtDuration(d.latency.api.p95)}
        trend={d.latency.api.p95Trend}
        higherIsBetter={false}
        note={`p50 ${fmtDuration(d.latency.api.p50)} over ${fmtCount(d.latency.api.count)} requests`}
        plain={PLAIN.apiLatency}
        definition={DEFINITIONS.apiLatency}
      />
    </div>
  );
}

/** Each annotation at the last bucket of `data` that starts on or before it (buckets are ascending "YYYY-MM-DD"). */
function markersFor(d: Dashboard, data: Array<Record<string, string | number | null>>): ChartMarker[] {
  return d.annotations.flatMap((a, i) => {
    const day = a.at.slice(0, 10);
    const bucket = [...data].reverse().find((p) => String(p.bucket) <= day)?.bucket;
    return bucket === undefined ? [] : [{ x: String(bucket), n: i + 1 }];
  });
}

/** What happened in the period, numbered as the markers on the charts. */
export function AnnotationList({ d }: { d: Dashboard }) {
  if (d.annotations.length === 0) return null;
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading" className="text-base font-semibold text-slate-900">
        What happened in this period
      </h2>
      <p className="text-xs text-slate-600">The numbers mark these events on the charts.</p>
      <ol className="mt-2 space-y-1 text-sm" data-testid="annotations">
        {d.annotations.map((a, i) => (
          <li key={`${a.at}-${i}`} className="flex gap-2">
            <span className="w-5 shrink-0 text-right font-semibold tabular-nums text-slate-600">{i + 1}</span>
            <span>
              <span className="text-slate-500">{formatUtc(a.at)}</span> · {a.kind === "policy" ? "Policy change: " : "Rollout: "}
              {a.label}
              {a.note ? <span className="text-slate-600"> — {a.note}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ChartsGrid({ d, domain, targets }: { d: Dashboard; domain?: string; targets: DashboardTargets }) {
  const href = (c: Parameters<typeof exportHref>[0]) => exportHref(c, d.range, domain);
  const per = d.granularity === "day" ? "day" : "week";
  return (
    <div className="metrics-grid grid grid-cols-1 gap-4 lg:grid-cols-2">
      <ChartCard testId="chart-usage" title="Reads per week" definition={DEFINITIONS.usage} csvHref={href("usage")}>
        <TimeSeriesChart
          label="Product reads per week and distinct consumers"
          data={d.series.usage}
          markers={markersFor(d, d.series.usage)}
          integer
          series={[
            { key: "reads", label: "Reads", color: "#2f6fed", kind: "bar" },
            { key: "consumers", label: "Distinct consumers", color: "#e8590c", axis: "right" },
          ]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-availability"
        title={`API availability per ${per}`}
        definition={DEFINITIONS.availability}
        csvHref={href("availability")}
      >
        <TimeSeriesChart
          label={`API availability per ${per}, percent`}
          data={d.series.availability}
          markers={markersFor(d, d.series.availability)}
          yDomain={["auto", 100]}
          yUnit="%"
          target={targets.availability === null ? undefined : { y: targets.availability, label: `Target ${targets.availability} %` }}
          series={[{ key: "availability", label: "Availability %", color: "#0ca678" }]}
        />
      </ChartCard>
      <ChartCard testId="chart-quality" title="Data quality score per week" definition={DEFINITIONS.quality} csvHref={href("quality")}>
        <TimeSeriesChart
          label="Mean quality score per week"
          data={d.series.quality}
          markers={markersFor(d, d.series.quality)}
          yDomain={["auto", 100]}
          target={targets.quality === null ? undefined : { y: targets.quality, label: `Target ${targets.quality}` }}
          series={[{ key: "score", label: "Quality score", color: "#7048e8" }]}
        />
      </ChartCard>
      <ChartCard testId="chart-published" title="New products per month" definition={DEFINITIONS.innovation} csvHref={href("published")}>
        <TimeSeriesChart
          label="Products published per month"
          data={d.series.published}
          markers={markersFor(d, d.series.published)}
          monthly
          integer
          series={[{ key: "published", label: "Published", color: "#1f57d1", kind: "bar" }]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-time-to-insight"
        title="Time to insight per month"
        definition={DEFINITIONS.timeToInsight}
        csvHref={href("time-to-insight")}
      >
        <TimeSeriesChart
          label="Median days from publication to first read and hours from request to grant, per month"
          data={d.series.timeToInsight}
          monthly
          rightUnit="h"
          series={[
            { key: "firstReadDays", label: "Publication → first read (days)", color: "#c2255c" },
            { key: "grantHours", label: "Request → grant (hours)", color: "#1098ad", axis: "right" },
          ]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-satisfaction"
        title="Ratings in this period"
        definition={DEFINITIONS.satisfaction}
        csvHref={href("satisfaction")}
      >
        <Distribution counts={d.satisfaction.distribution} />
      </ChartCard>
    </div>
  );
}

function Distribution({ counts }: { counts: number[] }) {
  const max = Math.max(1, ...counts);
  return (
    <ol className="space-y-1.5" aria-label="Rating distribution">
      {[5, 4, 3, 2, 1].map((score) => (
        <li key={score} className="flex items-center gap-2 text-sm">
          <span className="w-10 shrink-0 text-slate-600">{score} ★</span>
          <span className="h-4 flex-1 rounded bg-slate-100">
            <span className="block h-4 rounded bg-amber-400" style={{ width: `${(100 * counts[score - 1]) / max}%` }} />
          </span>
          <span className="w-10 shrink-0 text-right tabular-nums">{counts[score - 1]}</span>
        </li>
      ))}
    </ol>
  );
}

export function TechnicalTables({ d, storage, domain }: { d: Dashboard; storage: StorageSummary; domain?: string }) {
  const href = (c: Parameters<typeof exportHref>[0]) => exportHref(c, d.range, domain);
  const largest = [...storage.rows]
    .sort((a, b) => Number(b.provisioned) - Number(a.provisioned) || (b.bytes ?? 0) - (a.bytes ?? 0))
    .slice(0, 10);
  return (
    <div className="metrics-grid grid grid-cols-1 gap-4 lg:grid-cols-2">
      <ChartCard
        className="lg:col-span-2"
        testId="table-products"
        title="Data products by domain and lifecycle"
        definition={DEFINITIONS.productCount}
        csvHref={href("products")}
      >
        <Table>
          <thead>
            <tr>
              <Th>Domain</Th>
              {LIFECYCLES.map((l) => (
                <Th key={l} className="text-right">
                  {l.replace("_", " ")}
                </Th>
              ))}
              <Th className="text-right">Total</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.products.byDomain.map((p) => (
              <tr key={p.slug}>
                <Td>
                  {domain ? (
                    p.name
                  ) : (
                    <Link href={`/metrics/domains/${p.slug}`} className="text-brand-700 hover:underline">
                      {p.name}
                    </Link>
                  )}
                </Td>
                {LIFECYCLES.map((l) => (
                  <Td key={l} className="text-right tabular-nums">
                    {p.byLifecycle[l] ?? 0}
                  </Td>
                ))}
                <Td className="text-right font-medium tabular-nums">{p.total}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </ChartCard>
      <ChartCard testId="table-latency" title="Processing latency" definition={DEFINITIONS.latency} csvHref={href("latency")}>
        <Table>
          <thead>
            <tr>
              <Th>Process</Th>
              <Th className="text-right">Runs</Th>
              <Th className="text-right">p50</Th>
              <Th className="text-right">p95</Th>
              <Th className="text-right">Mean</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(
              [
                ["API requests", d.latency.api],
                ["Ingestion loads", d.latency.ingestion],
                ["Provisioning", d.latency.provisioning],
              ] as const
            ).map(([label, l]) => (
              <tr key={label}>
                <Td>{label}</Td>
                <Td className="text-right tabular-nums">{fmtCount(l.count)}</Td>
                <Td className="text-right tabular-nums">{fmtDuration(l.p50)}</Td>
                <Td className="text-right tabular-nums">{fmtDuration(l.p95)}</Td>
                <Td className="text-right tabular-nums">{fmtDuration(l.mean)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </ChartCard>
      <ChartCard testId="table-storage" title="Storage efficiency" definition={DEFINITIONS.storage} csvHref={href("storage")}>
        {largest.length === 0 ? (
          <p className="text-sm text-slate-600">No published products yet.</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Table</Th>
                <Th className="text-right">Size</Th>
                <Th className="text-right">Rows</Th>
                <Th className="text-right">Bytes / row</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {largest.map((r) => (
                <tr key={r.productId}>
                  <Td>
                    <Link href={`/products/${r.domain}/${r.product}`} className="break-all text-brand-700 hover:underline">
                      {r.product}
                    </Link>
                  </Td>
                  {r.provisioned ? (
                    <>
                      <Td className="break-all font-mono text-xs">{r.table}</Td>
                      <Td className="text-right tabular-nums">{fmtBytes(r.bytes)}</Td>
                      <Td className="text-right tabular-nums">{r.rows === null ? "not analysed" : fmtCount(r.rows)}</Td>
                      <Td className="text-right tabular-nums">{fmtBytes(r.bytesPerRow)}</Td>
                    </>
                  ) : (
                    <td colSpan={4} className="px-3 py-2 text-slate-500">
                      not provisioned
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {storage.rows.length > largest.length && (
          <p className="mt-2 text-xs text-slate-500">
            Largest {largest.length} of {storage.rows.length}; the CSV lists all.
          </p>
        )}
      </ChartCard>
    </div>
  );
}
