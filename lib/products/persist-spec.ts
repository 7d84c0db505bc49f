// Writes the denormalised parts of a spec (field rows, search text) that the catalog reads.
import type { Tx } from "@/lib/db";
import type { DataProductSpec } from "@/lib/products/types";
import { ruleInputsOf } from "@/lib/governance";

export function searchableFieldNames(spec: DataProductSpec): string {
  return spec.schema.map((f) => f.name).join(" ");
}

export async function replaceFields(tx: Tx, productId: string, spec: DataProductSpec): Promise<void> {
  await tx.dataProductField.deleteMany({ where: { productId } });
  await tx.dataProductField.createMany({
    data: spec.schema.map((f, position) => ({
      productId,
      position,
      name: f.name,
      type: f.type,
      description: f.description,
      required: f.required,
      pii: f.pii,
    })),
  });
}

/** Columns of data_products that mirror the spec. */
export function productColumns(spec: DataProductSpec) {
  return {
    owner: spec.owner,
    description: spec.description,
    classification: spec.classification,
    currentVersion: spec.version,
    tags: spec.tags,
    spec: spec as unknown as object,
    // Beside the spec in the same write, so the impact preview's inputs are never older than the spec.
    ruleInputs: ruleInputsOf(spec) as unknown as object,
    fieldNames: searchableFieldNames(spec),
  };
}
