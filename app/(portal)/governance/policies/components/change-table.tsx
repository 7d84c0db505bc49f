// What changed between two policy versions, one row per path. Used by history and the conflict panel.
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { policyValueLines, type PolicyChange } from "@/lib/governance/policies/diff";

const tone = { added: "green", removed: "red", changed: "amber" } as const;

export function ChangeTable({ changes, empty = "No differences." }: { changes: PolicyChange[]; empty?: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <Table>
      <thead>
        <tr>
          <Th>Path</Th>
          <Th>Change</Th>
          <Th>Before</Th>
          <Th>After</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.map((c) => (
          <tr key={`${c.path}-${c.kind}`}>
            <Td className="whitespace-nowrap font-mono text-xs">{c.path || "(whole policy)"}</Td>
            <Td>
              <Badge tone={tone[c.kind]}>{c.kind}</Badge>
            </Td>
            <Td className="min-w-40 max-w-72 break-words text-slate-600">{lines(c.before)}</Td>
            <Td className="min-w-40 max-w-72 break-words">{lines(c.after)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function lines(value: unknown) {
  const all = policyValueLines(value);
  return all.length === 1 ? (
    all[0]
  ) : (
    <ul className="space-y-0.5">
      {all.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
