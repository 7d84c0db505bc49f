// Adoption and rollout (the seed's foundation → pilot → full rollout): per domain its stage, products,
// compliance share and progress over time. Data admins move domains between stages here.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { rolloutOverview, ROLLOUT_STAGES, STAGE_LABELS } from "@/lib/metrics/rollout";
import { exportHref } from "@/lib/metrics/export";
import { parseRange } from "@/lib/metrics/period";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { ChartCard } from "@/components/metrics/chart-card";
import { TimeSeriesChart } from "@/components/metrics/time-series-chart";
import { PrintButton } from "@/components/metrics/print-button";
import { fmtDay, fmtPercent } from "@/components/metrics/format";
import { StageForm } from "./stage-form";

export const metadata: Metadata = { title: "Rollout" };

const COLORS = ["#2f6fed", "#e8590c", "#0ca678", "#7048e8", "#c2255c", "#1098ad", "#868e96", "#f59f00"];
const stageTone = { foundation: "gray", pilot: "blue", full: "green" } as const;

export default async function RolloutPage() {
  const user = await requirePageUser();
  if (!can.readMetrics(user)) forbidden();
  const o = await rolloutOverview();
  const manage = can.manageRollout(user);
  const options = ROLLOUT_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

  return (
    <>
      <PageHeader title="Adoption and rollout" description="Foundation → pilot → full rollout, per domain." actions={<PrintButton />} />
      <div className="space-y-6">
        <div className="grid grid-cols-3 gap-3">
          {ROLLOUT_STAGES.map((s) => (
            <div key={s} className="kpi-tile rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={`stage-${s}`}>
              <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{STAGE_LABELS[s]}</div>
              <div className="mt-1 text-2xl font-semibold tabular-nums">{o.counts[s]}</div>
              <div className="text-xs text-slate-500">domains</div>
            </div>
          ))}
        </div>
        <Card title="Domains" className="print-block">
          <Table>
            <thead>
              <tr>
                <Th>Domain</Th>
                <Th>Stage</Th>
                <Th>Since</Th>
                <Th className="text-right">Published / products</Th>
                <Th className="text-right">Compliant</Th>
                <Th className="text-right">Failing</Th>
                <Th className="text-right">Not validated</Th>
                {manage && <Th className="no-print">Change stage</Th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {o.domains.map((d) => (
                <tr key={d.slug} data-testid={`rollout-${d.slug}`}>
                  <Td>
                    <Link href={`/metrics/domains/${d.slug}`} className="font-medium text-brand-700 hover:underline">
                      {d.name}
                    </Link>
                    {d.status === "not_onboarded" && <div className="text-xs text-slate-500">not onboarded</div>}
                  </Td>
                  <Td>
                    <Badge tone={stageTone[d.stage]}>{STAGE_LABELS[d.stage]}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap">{d.stageSince ? fmtDay(d.stageSince) : "—"}</Td>
                  <Td className="text-right tabular-nums">
                    {d.published} / {d.products}
                  </Td>
                  <Td className="text-right tabular-nums">{fmtPercent(d.compliantShare, 0)}</Td>
                  <Td className="text-right tabular-nums">{d.failing}</Td>
                  <Td className="text-right tabular-nums">{d.notValidated}</Td>
                  {manage && (
                    <Td className="no-print">
                      {d.status === "archived" ? null : <StageForm slug={d.slug} name={d.name} stage={d.stage} options={options} />}
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-2 text-xs text-slate-500">
            Compliant: non-retired products whose last validation found no errors ÷ all non-retired products (not yet validated counts as
            not compliant).
          </p>
        </Card>
        <ChartCard
          testId="chart-rollout"
          title="Published products over time"
          definition="Cumulative publications per domain at the end of each month (from recorded publication events)."
          csvHref={exportHref("rollout", parseRange({ range: "365d" }))}
        >
          <TimeSeriesChart
            label="Cumulative published products per domain per month"
            data={o.progress}
            monthly
            height={280}
            series={o.domains.map((d, i) => ({ key: d.slug, label: d.name, color: COLORS[i % COLORS.length] }))}
          />
        </ChartCard>
        <Card title="Stage changes" className="print-block">
          {o.changes.length === 0 ? (
            <p className="text-sm text-slate-600">No domain has changed stage yet.</p>
          ) : (
            <ol className="space-y-1 text-sm">
              {o.changes.slice(0, 30).map((c, i) => (
                <li key={i}>
                  <span className="tabular-nums text-slate-500">{fmtDay(c.at)}</span> · <span className="font-medium">{c.domain}</span>{" "}
                  {STAGE_LABELS[c.from as keyof typeof STAGE_LABELS] ?? c.from} → {STAGE_LABELS[c.to as keyof typeof STAGE_LABELS] ?? c.to}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
