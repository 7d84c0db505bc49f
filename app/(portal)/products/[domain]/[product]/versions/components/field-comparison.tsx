// The two versions' schemas in one table: added, removed and changed fields highlighted, matched by name
// (as diffSpecs matches them), removed fields shown where they used to be.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import type { ProductField } from "@/lib/products/types";

type Status = "added" | "removed" | "changed" | "unchanged";
type Row = { name: string; status: Status; before?: ProductField; after?: ProductField };

const COMPARED = ["type", "required", "pii", "description"] as const;

function compareFields(before: ProductField[], after: ProductField[]): Row[] {
  const old = new Map(before.map((f) => [f.name, f]));
  const rows: Row[] = after.map((f) => {
    const prev = old.get(f.name);
    if (!prev) return { name: f.name, status: "added", after: f };
    const changed = COMPARED.some((k) => prev[k] !== f[k]);
    return { name: f.name, status: changed ? "changed" : "unchanged", before: prev, after: f };
  });
  const kept = new Set(after.map((f) => f.name));
  before.forEach((f, i) => {
    if (kept.has(f.name)) return;
    // Place a removed field right after the nearest earlier field of the old schema that is still listed.
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const index = rows.findIndex((r) => r.name === before[j].name);
      if (index >= 0) {
        at = index + 1;
        break;
      }
    }
    rows.splice(at, 0, { name: f.name, status: "removed", before: f });
  });
  return rows;
}

const ROW_STYLE: Record<Status, string> = {
  added: "bg-emerald-50",
  removed: "bg-red-50 text-slate-500",
  changed: "bg-amber-50",
  unchanged: "",
};
const STATUS_BADGE: Record<Exclude<Status, "unchanged">, ReactNode> = {
  added: <Badge tone="green">added</Badge>,
  removed: <Badge tone="red">removed</Badge>,
  changed: <Badge tone="amber">changed</Badge>,
};

function text(f: ProductField, key: (typeof COMPARED)[number]): string {
  const v = f[key];
  return typeof v === "boolean" ? (v ? "yes" : "no") : v || "—";
}

/** One attribute; when it differs between the versions, the old value struck through, then the new one. */
function Cell({ row, k, className }: { row: Row; k: (typeof COMPARED)[number]; className?: string }) {
  const { before, after } = row;
  if (before && after && before[k] !== after[k]) {
    return (
      <Td className={className}>
        <del className="text-red-700">{text(before, k)}</del>{" "}
        <span aria-hidden className="text-slate-400">
          →
        </span>{" "}
        <ins className="font-medium text-emerald-800 no-underline">{text(after, k)}</ins>
      </Td>
    );
  }
  const f = after ?? before;
  return <Td className={className}>{f ? text(f, k) : "—"}</Td>;
}

export function FieldComparison({ before, after }: { before: ProductField[]; after: ProductField[] }) {
  const rows = compareFields(before, after);
  return (
    <Table>
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Status</Th>
          <Th>Type</Th>
          <Th>Required</Th>
          <Th>PII</Th>
          <Th>Description</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={`${row.status}-${row.name}`} className={ROW_STYLE[row.status]} data-status={row.status}>
            <Td className={cn("whitespace-nowrap font-mono", row.status === "removed" && "line-through")}>{row.name}</Td>
            <Td>{row.status !== "unchanged" && STATUS_BADGE[row.status]}</Td>
            <Cell row={row} k="type" className="font-mono" />
            <Cell row={row} k="required" />
            <Cell row={row} k="pii" />
            <Cell row={row} k="description" className="min-w-48" />
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
