// A product's lineage sources: what each one names (an upstream product, with its dataset and fields where
// declared, or an external system), the one-line notation the product form uses for them, and the cycle check
// the save path runs on the product-level graph. Pure functions: the form, the schema and the tests share them.
import type { LineageSource } from "@/lib/products/types";

/** `domain/name`: both parts are DNS labels (lib/validation/slug.ts). */
export const PRODUCT_REF = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const DATASET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

// finance/invoices.lines(amount->total, currency) | sum per day
const PRODUCT_LINE =
  /^(?<product>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.(?<dataset>[A-Za-z0-9_][A-Za-z0-9_-]*))?(?:\s*\((?<fields>[^)]*)\))?(?:\s*\|\s*(?<transformation>.*))?$/;
// system: Salesforce | nightly export
const SYSTEM_LINE = /^system:\s*(?<system>[^|]*?)\s*(?:\|\s*(?<transformation>.*))?$/i;

export type ResolvedSource =
  | { kind: "product"; product: string; dataset: string | null; fields: { from: string; to: string }[]; transformation: string | null }
  | { kind: "system"; system: string; transformation: string | null };

/**
 * What a source names. A plain string (the seed format's free text) is an upstream product when it is the
 * `domain/name` of a product that exists (`exists`), else an external system of that name.
 */
export function resolveSource(source: LineageSource, exists: (ref: string) => boolean): ResolvedSource {
  if (typeof source === "string") {
    return PRODUCT_REF.test(source) && exists(source)
      ? { kind: "product", product: source, dataset: null, fields: [], transformation: null }
      : { kind: "system", system: source, transformation: null };
  }
  if ("product" in source) {
    return {
      kind: "product",
      product: source.product,
      dataset: source.dataset ?? null,
      fields: (source.fields ?? []).map((f) => ({ from: f.from, to: f.to ?? f.from })),
      transformation: source.transformation ?? null,
    };
  }
  return { kind: "system", system: source.system, transformation: source.transformation ?? null };
}

/** The `domain/name` a source may name: structured product sources and plain strings of that shape. */
export function productRefOf(source: LineageSource): string | null {
  if (typeof source === "string") return PRODUCT_REF.test(source) ? source : null;
  return "product" in source ? source.product : null;
}

/**
 * One form line into a source. Plain text stays a plain string (the seed format), so editing an old spec
 * changes nothing; a dataset, fields or a `| transformation` make it a structured product source, and
 * `system: Name` an explicit external system.
 */
export function parseSourceLine(line: string): LineageSource {
  const text = line.trim();
  const system = SYSTEM_LINE.exec(text)?.groups;
  if (system) {
    const t = system.transformation?.trim();
    return t ? { system: system.system, transformation: t } : { system: system.system };
  }
  const m = PRODUCT_LINE.exec(text)?.groups;
  if (!m || (m.dataset === undefined && m.fields === undefined && m.transformation === undefined)) return text;
  const out: Exclude<LineageSource, string> & { product: string } = { product: m.product };
  if (m.dataset) out.dataset = m.dataset;
  if (m.fields !== undefined) {
    out.fields = m.fields
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => {
        const [from, to] = f.split(/\s*->\s*/, 2).map((s) => s.trim());
        return to && to !== from ? { from, to } : { from };
      });
  }
  const t = m.transformation?.trim();
  if (t) out.transformation = t;
  return out;
}

/** The form line of a source (parseSourceLine's inverse). */
export function formatSource(source: LineageSource): string {
  if (typeof source === "string") return source;
  if ("system" in source) return `system: ${source.system}${source.transformation ? ` | ${source.transformation}` : ""}`;
  const fields = source.fields ? `(${source.fields.map((f) => (f.to && f.to !== f.from ? `${f.from}->${f.to}` : f.from)).join(", ")})` : "";
  return `${source.product}${source.dataset ? `.${source.dataset}` : ""}${fields}${source.transformation ? ` | ${source.transformation}` : ""}`;
}

/** The form's sources box: one source per line (commas outside a field list also separate, as before). */
export function splitSourceLines(text: string): LineageSource[] {
  return text
    .split(/[\r\n]+|,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseSourceLine);
}

/** A key that is equal for sources that say the same thing (a bare `{ product }` and its plain string). */
export function sourceKey(source: LineageSource): string {
  if (typeof source === "string") return source;
  if ("product" in source && !source.dataset && !source.fields?.length && !source.transformation) return source.product;
  return formatSource(source);
}

/**
 * The cycle that giving `target` the upstream products `upstream` would close, as a path of nodes from the
 * upstream product through `target` and back to it, or null. `edges` are the graph's other product-level
 * edges (from → to); the target's own incoming edges are left out because the save replaces them.
 */
export function findCycle(edges: Iterable<readonly [string, string]>, target: string, upstream: readonly string[]): string[] | null {
  if (upstream.includes(target)) return [target, target];
  const out = new Map<string, string[]>();
  for (const [from, to] of edges) {
    if (to === target) continue;
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  }
  const wanted = new Set(upstream);
  // Breadth first from the target along downstream edges: the first upstream product reached gives the shortest cycle.
  const parent = new Map<string, string>([[target, target]]);
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const next of out.get(node) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      if (wanted.has(next)) {
        const path = [next];
        for (let at = next; at !== target;) {
          at = parent.get(at)!;
          path.push(at);
        }
        // path runs next ← … ← target; the cycle reads upstream → target → … → upstream.
        return [next, ...path.reverse()];
      }
      queue.push(next);
    }
  }
  return null;
}
