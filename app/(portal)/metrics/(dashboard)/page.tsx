// The executive dashboard: the seed's technical and business success metrics for the whole mesh, over a
// chosen date range and compared with the period before. Read-only for everyone.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { dashboardTargets, domainBreakdown, loadDashboard } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { parseRange, rangeQuery, toDay, type RangeParams } from "@/lib/metrics/period";
import { exportHref } from "@/lib/metrics/export";
import { DEFINITIONS } from "@/lib/metrics/formulas";
import { STAGE_LABELS, type RolloutStageName } from "@/lib/metrics/rollout";
import { PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { ChartCard } from "@/components/metrics/chart-card";
import { RangePicker } from "@/components/metrics/range-picker";
import { PrintButton } from "@/components/metrics/print-button";
import { fmtCount, fmtDecimal, fmtPercent, fmtScore } from "@/components/metrics/format";
import { AnnotationList, ChartsGrid, KpiGrid, TechnicalTables } from "../components/dashboard-view";

export const metadata: Metadata = { title: "Success metrics" };

const stageTone = { foundation: "gray", pilot: "blue", full: "green" } as const;

export default async function MetricsPage({ searchParams }: { searchParams: Promise<RangeParams> }) {
  const user = await requirePageUser();
  if (!can.readMetrics(user)) forbidden();
  const range = parseRange(await searchParams);
  const [d, storage, domains, targets] = await Promise.all([
    loadDashboard({}, range),
    storageEfficiency({}),
    domainBreakdown(range),
    dashboardTargets(),
  ]);

  return (
    <>
      <PageHeader
        title="Success metrics"
        description="Technical and business metrics of the data mesh, computed from recorded events."
        actions={<PrintButton />}
      />
      <div className="space-y-6">
        <RangePicker basePath="/metrics" range={range} today={toDay(new Date())} />
        <KpiGrid d={d} storage={storage} />
        <ChartsGrid d={d} targets={targets} />
        <AnnotationList d={d} />
        <ChartCard
          testId="table-domains"
          title="By domain"
          definition="Figures for the selected period per domain; open a domain for its products."
          csvHref={exportHref("domains", range)}
        >
          <Table>
            <thead>
              <tr>
                <Th>Domain</Th>
                <Th>Stage</Th>
                <Th className="text-right">Published / products</Th>
                <Th className="text-right">Reads</Th>
                <Th className="text-right">Consumers</Th>
                <Th className="text-right">Availability</Th>
                <Th className="text-right">Quality</Th>
                <Th className="text-right">Satisfaction</Th>
                <Th className="text-right">Compliant</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {domains.map((r) => (
                <tr key={r.slug}>
                  <Td>
                    <Link href={`/metrics/domains/${r.slug}?${rangeQuery(range)}`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone={stageTone[r.stage as RolloutStageName] ?? "gray"}>
                      {STAGE_LABELS[r.stage as RolloutStageName] ?? r.stage}
                    </Badge>
                  </Td>
                  <Td className="text-right tabular-nums">
                    {r.published} / {r.products}
                  </Td>
                  <Td className="text-right tabular-nums">{fmtCount(r.reads)}</Td>
                  <Td className="text-right tabular-nums">{fmtCount(r.consumers)}</Td>
                  <Td className="text-right tabular-nums">{fmtPercent(r.availability, 2)}</Td>
                  <Td className="text-right tabular-nums">{fmtScore(r.quality)}</Td>
                  <Td className="text-right tabular-nums">{r.satisfaction === null ? "—" : `${fmtDecimal(r.satisfaction, 1)} / 5`}</Td>
                  <Td className="text-right tabular-nums">{fmtPercent(r.compliantShare, 0)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-2 text-xs text-slate-500">
            Compliant: share of a domain&apos;s non-retired products whose last validation found no errors (not-yet-validated products count
            as not compliant). {DEFINITIONS.availability}
          </p>
        </ChartCard>
        <TechnicalTables d={d} storage={storage} />
      </div>
    </>
  );
}
