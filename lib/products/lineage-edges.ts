// Keeps lineage_edges in step with a product's spec.lineage.sources, inside the transaction that saves the
// spec (persist-spec.ts's replaceFields, the one path of register, save and import). Refuses, with a field
// error on lineage.sources, a source naming a product that does not exist and any source that closes a cycle.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { findCycle, productRefOf, resolveSource } from "@/lib/products/lineage-source";
import type { DataProductSpec } from "@/lib/products/types";

// One lock for every lineage write: two saves that each add half of a cycle cannot both pass the check.
const LINEAGE_LOCK = 0x6c696e65; // "line"

export async function syncLineageEdges(tx: Tx, productId: string, spec: DataProductSpec): Promise<void> {
  const sources = spec.lineage.sources;
  const known = await knownProducts(
    tx,
    sources.map(productRefOf).filter((r): r is string => r !== null),
  );
  const resolved = sources.map((s) => resolveSource(s, (ref) => known.has(ref)));

  const self = `${spec.domain}/${spec.name}`;
  const problems: string[] = [];
  for (const r of resolved) {
    if (r.kind !== "product") continue;
    if (r.product === self) problems.push(`${self} cannot be its own source.`);
    else if (!known.has(r.product)) problems.push(`There is no product ${r.product}; write system: ${r.product} for an external system.`);
  }
  if (problems.length > 0) throw new ValidationError(problems[0], { "lineage.sources": problems });

  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LINEAGE_LOCK})`;
  const upstream = [...new Set(resolved.flatMap((r) => (r.kind === "product" ? [known.get(r.product)!] : [])))];
  if (upstream.length > 0) {
    const edges = await tx.$queryRaw<{ from_product_id: string; to_product_id: string }[]>`
      SELECT DISTINCT from_product_id, to_product_id FROM lineage_edges
       WHERE from_product_id IS NOT NULL AND to_product_id <> ${productId}::uuid`;
    const cycle = findCycle(
      edges.map((e) => [e.from_product_id, e.to_product_id] as const),
      productId,
      upstream,
    );
    if (cycle) {
      const names = await refsOf(tx, cycle);
      const path = cycle.map((id) => names.get(id) ?? id).join(" → ");
      const message = `${names.get(cycle[0])} cannot be a source of ${self}: it already reads from it, which would make a cycle (${path}).`;
      throw new ValidationError(message, { "lineage.sources": [message] });
    }
  }

  await tx.lineageEdge.deleteMany({ where: { toProductId: productId } });
  const rows: Prisma.LineageEdgeCreateManyInput[] = [];
  resolved.forEach((r, position) => {
    if (r.kind === "system") {
      rows.push({ toProductId: productId, fromSystem: r.system, transformation: r.transformation, position });
      return;
    }
    const from = { toProductId: productId, fromProductId: known.get(r.product)!, fromDataset: r.dataset, position };
    rows.push({ ...from, transformation: r.transformation });
    for (const f of r.fields) rows.push({ ...from, fromField: f.from, toField: f.to });
  });
  if (rows.length > 0) await tx.lineageEdge.createMany({ data: rows });
  await adoptNamingEdges(tx, productId, self);
}

/**
 * Products saved before this one existed may name it in plain text, which then meant an external system: their
 * edges now come from this product, unless that would close a cycle (then they stay a system until re-saved).
 */
async function adoptNamingEdges(tx: Tx, productId: string, self: string): Promise<void> {
  const naming = await tx.$queryRaw<{ id: string; to_product_id: string }[]>`
    SELECT id::text AS id, to_product_id::text AS to_product_id FROM lineage_edges
     WHERE from_system = ${self} AND from_product_id IS NULL AND to_product_id <> ${productId}::uuid`;
  if (naming.length === 0) return;
  const edges = (
    await tx.$queryRaw<{ from_product_id: string; to_product_id: string }[]>`
      SELECT DISTINCT from_product_id::text AS from_product_id, to_product_id::text AS to_product_id FROM lineage_edges
       WHERE from_product_id IS NOT NULL`
  ).map((e) => [e.from_product_id, e.to_product_id] as [string, string]);
  const adopt: string[] = [];
  for (const e of naming) {
    if (findCycle(edges, e.to_product_id, [productId])) continue;
    edges.push([productId, e.to_product_id]);
    adopt.push(e.id);
  }
  if (adopt.length > 0) {
    await tx.$executeRaw`UPDATE lineage_edges SET from_product_id = ${productId}::uuid, from_system = NULL WHERE id = ANY(${adopt}::uuid[])`;
  }
}

/** `domain/name` → id of the named products that exist. */
async function knownProducts(tx: Tx, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ ref: string; id: string }[]>`
    SELECT d.slug || '/' || p.name AS ref, p.id FROM data_products p JOIN domains d ON d.id = p.domain_id
     WHERE d.slug || '/' || p.name = ANY(${[...new Set(refs)]}::text[])`;
  return new Map(rows.map((r) => [r.ref, r.id]));
}

async function refsOf(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.$queryRaw<{ ref: string; id: string }[]>`
    SELECT d.slug || '/' || p.name AS ref, p.id FROM data_products p JOIN domains d ON d.id = p.domain_id
     WHERE p.id = ANY(${[...new Set(ids)]}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.ref]));
}
