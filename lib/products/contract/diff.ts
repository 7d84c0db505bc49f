// What changed between two declared contracts beyond what the spec diff sees (lib/products/diff.ts compares
// the first dataset's top-level fields): the other datasets, and properties nested at any depth. Pure.
import type { SpecChange } from "@/lib/products/diff";
import { contractRows } from "./rows";
import type { OdcsContract, PropertyRow } from "./types";

const change = (
  kind: SpecChange["kind"],
  path: string,
  before: unknown,
  after: unknown,
  description: string,
  breaking = false,
): SpecChange => ({
  kind,
  path,
  before,
  after,
  breaking,
  description,
});

function typeOf(p: PropertyRow): string {
  return [p.logicalType, p.physicalType].filter(Boolean).join(" / ") || "untyped";
}

export function diffContracts(before: OdcsContract | null, after: OdcsContract | null): SpecChange[] {
  if (!before || !after) return [];
  const a = contractRows(before);
  const b = contractRows(after);
  const changes: SpecChange[] = [];
  const datasetName = (rows: typeof a, position: number) => rows.datasets[position]?.name ?? String(position);
  const afterDatasets = new Map(b.datasets.map((d) => [d.name, d.position]));
  const beforeDatasets = new Map(a.datasets.map((d) => [d.name, d.position]));
  for (const d of a.datasets) {
    if (!afterDatasets.has(d.name))
      changes.push(change("dataset_removed", `datasets.${d.name}`, d.name, undefined, `Removing dataset ${d.name}`, true));
  }
  for (const d of b.datasets) {
    if (!beforeDatasets.has(d.name))
      changes.push(change("dataset_added", `datasets.${d.name}`, undefined, d.name, `Adding dataset ${d.name}`));
  }
  // The first dataset's top-level properties are the spec's fields: diffSpecs already reports those.
  const covered = (p: PropertyRow) => p.datasetPosition === 0 && p.depth === 0;
  const key = (rows: typeof a, p: PropertyRow) => `${datasetName(rows, p.datasetPosition)}/${p.path}`;
  const afterProps = new Map(b.properties.map((p) => [key(b, p), p]));
  const beforeProps = new Map(a.properties.map((p) => [key(a, p), p]));
  for (const old of a.properties) {
    const k = key(a, old);
    const dataset = datasetName(a, old.datasetPosition);
    if (!afterDatasets.has(dataset) || (covered(old) && old.datasetPosition === afterDatasets.get(dataset))) continue;
    const next = afterProps.get(k);
    const path = `datasets.${dataset}.${old.path}`;
    if (!next) {
      changes.push(change("property_removed", path, typeOf(old), undefined, `Removing property ${old.path} of ${dataset}`, true));
      continue;
    }
    if (typeOf(old) !== typeOf(next))
      changes.push(
        change("property_type_changed", `${path}.type`, typeOf(old), typeOf(next), `Changing the type of ${old.path} of ${dataset}`, true),
      );
    if (!old.required && next.required)
      changes.push(change("property_made_required", `${path}.required`, false, true, `Making ${old.path} of ${dataset} required`, true));
  }
  for (const added of b.properties) {
    const dataset = datasetName(b, added.datasetPosition);
    if (!beforeDatasets.has(dataset) || covered(added) || beforeProps.has(key(b, added))) continue;
    changes.push(
      change(
        "property_added",
        `datasets.${dataset}.${added.path}`,
        undefined,
        typeOf(added),
        `Adding property ${added.path} to ${dataset}`,
      ),
    );
  }
  return changes;
}
