// Writes the denormalised parts of a spec and its contract (field rows, dataset and property rows, search
// text, lineage edges) that the catalog, product page and lineage graph read.
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DataProductSpec } from "@/lib/products/types";
import { ruleInputsOf } from "@/lib/governance";
import { toOdcs } from "@/lib/products/odcs";
import { contractRows, searchableNames } from "@/lib/products/contract/rows";
import type { OdcsContract } from "@/lib/products/contract/types";
import { syncLineageEdges } from "@/lib/products/lineage-edges";

export function searchableFieldNames(spec: DataProductSpec, contract: OdcsContract | null = null): string {
  // A declared contract: every dataset's properties at every depth; the seed format: its one table's fields.
  return contract ? searchableNames(contract) : spec.schema.map((f) => f.name).join(" ");
}

/** The spec's field rows, and its contract's dataset and property rows (the derived contract when none is declared). */
export function fieldRows(productId: string, spec: DataProductSpec, contract: OdcsContract | null) {
  const rows = contractRows(contract ?? (toOdcs(spec) as OdcsContract));
  return {
    fields: spec.schema.map((f, position) => ({
      productId,
      position,
      name: f.name,
      type: f.type,
      description: f.description,
      required: f.required,
      pii: f.pii,
    })),
    datasets: rows.datasets.map((d) => ({ productId, ...d })),
    properties: rows.properties.map((p) => ({ productId, ...p })),
  };
}

export async function replaceFields(tx: Tx, productId: string, spec: DataProductSpec, contract: OdcsContract | null = null): Promise<void> {
  const rows = fieldRows(productId, spec, contract);
  await tx.dataProductField.deleteMany({ where: { productId } });
  await tx.dataProductDataset.deleteMany({ where: { productId } });
  await tx.dataProductProperty.deleteMany({ where: { productId } });
  await tx.dataProductField.createMany({ data: rows.fields });
  await tx.dataProductDataset.createMany({ data: rows.datasets });
  await tx.dataProductProperty.createMany({ data: rows.properties });
  // The lineage graph's edges follow the spec in the same write (cycles and unknown products refused).
  await syncLineageEdges(tx, productId, spec);
}

/** A nullable JSON column's value: SQL NULL for "no declared contract". */
export function contractJson(contract: OdcsContract | null) {
  return contract ? (contract as unknown as Prisma.InputJsonValue) : Prisma.DbNull;
}

/** Columns of data_products that mirror the spec and its contract. */
export function productColumns(spec: DataProductSpec, contract: OdcsContract | null = null) {
  return {
    owner: spec.owner,
    description: spec.description,
    classification: spec.classification,
    currentVersion: spec.version,
    tags: spec.tags,
    spec: spec as unknown as object,
    contract: contractJson(contract),
    contractId: contract?.id ?? null,
    // Beside the spec in the same write, so the impact preview's inputs are never older than the spec.
    ruleInputs: ruleInputsOf(spec) as unknown as object,
    fieldNames: searchableFieldNames(spec, contract),
  };
}
