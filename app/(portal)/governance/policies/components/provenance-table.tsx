// The effective policy of a domain as one table: each value with where it comes from, what it
// overrides, whether the global policy locks it, and any domain value the lock rejected.
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatPolicyValue, policyValueLines } from "@/lib/governance/policies/diff";
import type { ProvenanceEntry } from "@/lib/governance/policies/types";

export function ProvenanceTable({ entries, domain }: { entries: ProvenanceEntry[]; domain: string }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Setting</Th>
          <Th>Effective value</Th>
          <Th>Source</Th>
          <Th>Overrides</Th>
          <Th>Locked</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100" data-testid="effective-policy">
        {entries.map((e) => (
          <tr key={e.path} data-path={e.path}>
            <Td className="font-mono text-xs">{e.path}</Td>
            <Td className="min-w-56 max-w-md break-words">
              <Lines testId={`effective-${e.path}`} value={e.value} />
              {e.rejected && (
                <p className="mt-1 text-xs text-amber-800">
                  {domain}&apos;s value {formatPolicyValue(e.rejected.value)} is ignored: the global policy locks this setting.
                </p>
              )}
            </Td>
            <Td>{e.source === "domain" ? <Badge tone="purple">domain: {domain}</Badge> : <Badge tone="blue">global</Badge>}</Td>
            <Td className="min-w-32 max-w-xs break-words text-slate-600">
              {e.overrides ? (
                <>
                  global <Lines value={e.overrides.value} />
                </>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </Td>
            <Td>{e.locked ? <Badge tone="red">locked</Badge> : <span className="text-slate-500">no</span>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Lines({ value, testId }: { value: unknown; testId?: string }) {
  const lines = policyValueLines(value);
  if (lines.length === 1) return <span data-testid={testId}>{lines[0]}</span>;
  return (
    <ul data-testid={testId} className="space-y-0.5">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
