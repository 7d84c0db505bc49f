// Which tables a quality check measures: every dataset of the product's contract (lib/provisioning/datasets.ts)
// with its current table in one deployment. The first dataset is `spec.schema` on the deployment's table; each
// other one is the declared contract's schema object at the same position, on resources.datasets[key].table.
// A dataset the deployment has no table for yet (declared after the last provisioning) is left out. Pure.
import { projectDatasets, type DataProductSpec, type OdcsContract } from "@/lib/products";
import { requestDatasets, type DeploymentResources } from "@/lib/provisioning";
import type { SpecField } from "./table-check";

export type QualityDataset = {
  /** Its position in the contract's `schema` (rule paths are `schema[index]…`). */
  index: number;
  /** The key `?dataset=` and load history use. */
  key: string;
  table: string;
  /** Its columns, in the order of the schema object's top-level properties. */
  fields: SpecField[];
};

export function qualityDatasets(
  spec: Pick<DataProductSpec, "name" | "schema">,
  declared: OdcsContract | null,
  deployment: { table: string; resources: DeploymentResources },
): QualityDataset[] {
  const { first, others } = requestDatasets(spec.name, declared ? projectDatasets(declared) : []);
  const fieldsOf = (fields: readonly SpecField[]) => fields.map((f) => ({ name: f.name, type: f.type, physicalType: f.physicalType }));
  const result: QualityDataset[] = [{ index: 0, key: first.key, table: deployment.table, fields: fieldsOf(spec.schema ?? []) }];
  others.forEach((d, i) => {
    const table = deployment.resources.datasets?.[d.key]?.table;
    if (table) result.push({ index: i + 1, key: d.key, table, fields: fieldsOf(d.fields) });
  });
  return result;
}
