// The findings of one validation: what is wrong, where in the spec, which policy value says so and
// where that value comes from, and how to fix it. Errors first, then warnings, then advice.
import { Table, Td, Th } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";
import type { Finding } from "@/lib/governance/compliance/rules";
import { SeverityBadge } from "@/components/governance/compliance-badges";

const ORDER = { error: 0, warning: 1, info: 2 } as const;

function policyValueText(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(", ");
  return String(value);
}

function sourceText(source: string): string {
  return source === "global" ? "global policy" : `${source.replace(/^domain:/, "")} domain policy`;
}

export function FindingsTable({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <EmptyState>No findings: the product meets every rule of its effective policy.</EmptyState>;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  // On a phone each finding becomes a small card (cells stacked, labels shown) instead of a table that
  // would hide the message off-screen; from `sm` up it is a normal table.
  return (
    <Table className="block sm:table">
      <thead className="hidden sm:table-header-group">
        <tr>
          <Th>Severity</Th>
          <Th>Rule</Th>
          <Th className="min-w-72">Finding and fix</Th>
          <Th>Spec path</Th>
          <Th className="min-w-40">Policy value</Th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-100 sm:table-row-group" data-testid="findings">
        {sorted.map((f, i) => (
          <tr
            key={`${f.ruleId}-${f.path}-${i}`}
            className="block py-2 sm:table-row sm:py-0"
            data-testid="finding"
            data-rule={f.ruleId}
            data-severity={f.severity}
          >
            <Td className="inline-block py-1 sm:table-cell sm:py-2">
              <SeverityBadge severity={f.severity} />
            </Td>
            <Td className="inline-block py-1 sm:table-cell sm:py-2">
              <code className="whitespace-nowrap text-xs">{f.ruleId}</code>
            </Td>
            <Td className="block py-1 sm:table-cell sm:py-2">
              <p>{f.message}</p>
              <p className="mt-1 text-xs text-slate-600">
                <span className="font-medium">Fix: </span>
                {f.fixHint}
              </p>
            </Td>
            <Td className="block py-1 sm:table-cell sm:py-2">
              <span className="text-xs text-slate-500 sm:hidden">Spec path: </span>
              <code className="break-all text-xs">{f.path}</code>
            </Td>
            <Td className="block py-1 sm:table-cell sm:py-2">
              <span className="text-xs text-slate-500 sm:hidden">Policy value: </span>
              <span className="sm:block">{policyValueText(f.policyValue)}</span>
              <span className="block text-xs text-slate-500">from the {sourceText(f.policySource)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
