// Every difference diffSpecs found between two versions, breaking ones marked.
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { ChangeKind, SpecChange } from "@/lib/products/diff";

const KIND_LABELS: Record<ChangeKind, string> = {
  field_added: "Field added",
  field_removed: "Field removed",
  field_type_changed: "Type changed",
  field_made_required: "Made required",
  field_made_optional: "Made optional",
  field_description_changed: "Description changed",
  field_pii_changed: "PII marking changed",
  field_moved: "Field moved",
  dataset_added: "Dataset added",
  dataset_removed: "Dataset removed",
  property_added: "Property added",
  property_removed: "Property removed",
  property_type_changed: "Property type changed",
  property_made_required: "Property made required",
  slo_changed: "Service level changed",
  access_changed: "Access changed",
  lineage_changed: "Lineage changed",
  classification_changed: "Classification changed",
  governance_changed: "Governance changed",
  metadata_changed: "Details changed",
};

/** A short text for any value a change carries: a field shows as "name: type", lists joined, absence as a dash. */
function show(value: unknown, kind: ChangeKind): string {
  if (value === undefined || value === null) return "—";
  if (kind === "field_moved" && typeof value === "number") return `position ${value + 1}`;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(", ") : "none";
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.type === "string") return `${o.name}: ${o.type}`;
    return JSON.stringify(value);
  }
  return String(value);
}

export function ChangeTable({ changes }: { changes: SpecChange[] }) {
  if (changes.length === 0) return <EmptyState>These two versions have the same content.</EmptyState>;
  return (
    <Table>
      <thead>
        <tr>
          <Th>Change</Th>
          <Th>Where</Th>
          <Th>Before → after</Th>
          <Th>Impact</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.map((c, i) => (
          <tr key={`${c.path}-${c.kind}-${i}`} className={c.breaking ? "bg-red-50/50" : undefined}>
            <Td className="whitespace-nowrap">{KIND_LABELS[c.kind]}</Td>
            <Td className="font-mono text-xs">{c.path}</Td>
            <Td className="min-w-56">
              <span className="text-slate-500 line-through decoration-slate-300">{show(c.before, c.kind)}</span>
              <span aria-label="changed to" className="mx-1 text-slate-400">
                →
              </span>
              <span className="text-slate-900">{show(c.after, c.kind)}</span>
            </Td>
            <Td>{c.breaking && <Badge tone="red">breaking</Badge>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
