// The compliance monitor's findings for the mesh or one domain: open counts per rule, the median time to
// resolve, and the violations (open, resolved or all), newest first, paginated.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import type { ViolationRow, ViolationStatus, ViolationSummary } from "@/lib/governance/compliance/monitor/queries.db";

const RULE_LABELS: Record<string, string> = { retention: "Retention", access: "Access control", quality: "Data quality" };

/** "3 min", "5 h 12 min", "2 d 4 h": how long a violation stayed open. */
export function formatResolveTime(ms: number | null): string {
  if (ms === null) return "—";
  const min = Math.round(ms / 60_000);
  if (min < 1) return "under a minute";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function ViolationsView({
  summary,
  items,
  total,
  page,
  pageSize,
  status,
  basePath,
}: {
  summary: ViolationSummary;
  items: ViolationRow[];
  total: number;
  page: number;
  pageSize: number;
  status: ViolationStatus;
  basePath: string;
}) {
  const tabs: { s: ViolationStatus; label: string }[] = [
    { s: "open", label: "Open" },
    { s: "resolved", label: "Resolved" },
    { s: "all", label: "History" },
  ];
  return (
    <>
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="violation-totals">
        {(["retention", "access", "quality"] as const).map((r) => (
          <Stat key={r} label={`Open: ${RULE_LABELS[r].toLowerCase()}`} value={String(summary.open[r])} />
        ))}
        <Stat label="Resolved in 30 days" value={String(summary.resolved30d)} />
        <Stat label="Median time to resolve" value={formatResolveTime(summary.medianResolveMs)} />
      </div>
      <section aria-labelledby="violations-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="violations-heading" className="text-base font-semibold text-slate-900">
            Violations
          </h2>
          <nav aria-label="Filter violations" className="flex gap-1 text-sm">
            {tabs.map((t) => (
              <Link
                key={t.s}
                href={t.s === "open" ? basePath : `${basePath}?status=${t.s}`}
                aria-current={status === t.s ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ${status === t.s ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {t.label}
              </Link>
            ))}
          </nav>
        </div>
        {items.length === 0 ? (
          <EmptyState>{status === "open" ? "No open violations: the last runs found nothing wrong." : "No violations yet."}</EmptyState>
        ) : (
          <Card>
            <Table>
              <thead>
                <tr>
                  <Th>Product</Th>
                  <Th>Rule</Th>
                  <Th>Finding</Th>
                  <Th>Opened</Th>
                  <Th>Resolved</Th>
                  <Th>Time to resolve</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="violations">
                {items.map((v) => (
                  <tr key={v.id}>
                    <Td>
                      <Link
                        className="whitespace-nowrap font-medium text-brand-700 hover:underline"
                        href={`/products/${v.domain}/${v.product}`}
                      >
                        {v.product}
                      </Link>
                      <div className="text-xs text-slate-500">{v.domain}</div>
                    </Td>
                    <Td className="whitespace-nowrap">
                      {RULE_LABELS[v.rule] ?? v.rule} <Badge tone={v.severity === "error" ? "red" : "amber"}>{v.severity}</Badge>
                    </Td>
                    <Td className="min-w-64 break-words">{v.message}</Td>
                    <Td className="whitespace-nowrap text-slate-600">{formatUtc(v.openedAt)}</Td>
                    <Td className="whitespace-nowrap text-slate-600">
                      {v.resolvedAt ? (
                        <>
                          {formatUtc(v.resolvedAt)}
                          <div className="text-xs">{v.resolution}</div>
                        </>
                      ) : (
                        <Badge tone="red">open</Badge>
                      )}
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">{formatResolveTime(v.timeToResolveMs)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination
              page={page}
              pageSize={pageSize}
              total={total}
              basePath={basePath}
              params={{ status: status === "open" ? undefined : status }}
            />
          </Card>
        )}
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
      <div className="text-xs text-slate-600">{label}</div>
      <div className="text-lg font-semibold tabular-nums text-slate-900">{value}</div>
    </div>
  );
}

export function parseStatus(raw: unknown): ViolationStatus {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === "resolved" || v === "all" ? v : "open";
}
