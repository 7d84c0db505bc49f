// The compliance monitor for the whole mesh: open violations per rule and per domain, their history and the
// time they took to resolve. The rules run on their own schedules (retention daily, quality hourly, access
// control every minute); this page only reads what they found.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { parsePage } from "@/lib/pagination";
import { lastRuns, listViolations, openViolationsByDomain, violationSummary } from "@/lib/governance/compliance/monitor/queries.db";
import { GovernanceTabs } from "../components/governance-tabs";
import { parseStatus, ViolationsView } from "./components/violations-view";

export const metadata: Metadata = { title: "Compliance monitor" };

const PAGE_SIZE = 25;
type Search = Promise<{ page?: string | string[]; status?: string | string[] }>;
const RULES = [
  { rule: "retention", label: "Retention", schedule: "daily" },
  { rule: "quality", label: "Data quality", schedule: "hourly" },
  { rule: "access", label: "Access control", schedule: "every minute and after grant changes" },
];

export default async function ComplianceMonitorPage({ searchParams }: { searchParams: Search }) {
  await authorize(can.readCompliance, { action: "view_compliance", resource: "governance:compliance" }).catch(() => forbidden());
  const sp = await searchParams;
  const status = parseStatus(sp.status);
  const page = parsePage(sp.page);
  const [summary, list, domains, runs] = await Promise.all([
    violationSummary(),
    listViolations({ status }, page, PAGE_SIZE),
    openViolationsByDomain(),
    lastRuns(),
  ]);
  return (
    <>
      <PageHeader
        title="Compliance monitor"
        description="What the scheduled rules found across the mesh: rows kept past their retention, privileges the policy does not give, quality rules that fail."
      />
      <GovernanceTabs />
      <ViolationsView
        summary={summary}
        items={list.items}
        total={list.total}
        page={page}
        pageSize={PAGE_SIZE}
        status={status}
        basePath="/governance/compliance"
      />
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card title="Open violations per domain" className="min-w-0">
          <Table>
            <thead>
              <tr>
                <Th>Domain</Th>
                <Th className="text-right">Open</Th>
                <Th className="text-right">Errors</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {domains.map((d) => (
                <tr key={d.slug}>
                  <Td>
                    <Link className="font-medium text-brand-700 hover:underline" href={`/governance/compliance/domains/${d.slug}`}>
                      {d.name}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">{d.open}</Td>
                  <Td className={`text-right tabular-nums ${d.errors > 0 ? "font-semibold text-red-700" : ""}`}>{d.errors}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title="Rules and their last run" className="min-w-0">
          <ul className="space-y-2 text-sm">
            {RULES.map((r) => {
              const last = runs.find((x) => x.rule === r.rule);
              return (
                <li key={r.rule}>
                  <span className="font-medium">{r.label}</span> <span className="text-slate-600">({r.schedule})</span>:{" "}
                  {last?.finishedAt ? `last run ${formatUtc(last.finishedAt)}` : "not run yet"}
                </li>
              );
            })}
          </ul>
        </Card>
      </div>
    </>
  );
}
