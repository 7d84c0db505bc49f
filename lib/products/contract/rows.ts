// A contract as rows for querying: one per dataset and one per property at any depth (data_product_datasets,
// data_product_properties), plus the words catalog search indexes. Pure.
import { isPii } from "@/lib/products/odcs";
import { walkProperties } from "./project";
import type { DatasetRow, OdcsContract, PropertyRow } from "./types";

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function contractRows(contract: OdcsContract): { datasets: DatasetRow[]; properties: PropertyRow[] } {
  const datasets: DatasetRow[] = [];
  const properties: PropertyRow[] = [];
  const seen = new Set<string>();
  (contract.schema ?? []).forEach((dataset, datasetPosition) => {
    let count = 0;
    walkProperties(dataset.properties, (p, path, depth) => {
      // A contract may repeat a name at one level (the schema does not forbid it); rows are keyed by path.
      let key = path;
      for (let n = 2; seen.has(`${datasetPosition}/${key}`); n++) key = `${path}#${n}`;
      seen.add(`${datasetPosition}/${key}`);
      properties.push({
        datasetPosition,
        position: count++,
        path: key,
        depth,
        name: String(p.name),
        logicalType: str(p.logicalType),
        physicalType: str(p.physicalType),
        required: p.required === true,
        unique: p.unique === true,
        primaryKey: p.primaryKey === true,
        classification: str(p.classification),
        pii: isPii(p),
        criticalDataElement: p.criticalDataElement === true,
        description: str(p.description) ?? "",
      });
    });
    datasets.push({
      position: datasetPosition,
      name: String(dataset.name),
      physicalName: str(dataset.physicalName),
      physicalType: str(dataset.physicalType),
      description: str(dataset.description) ?? "",
      propertyCount: count,
    });
  });
  return { datasets, properties };
}

/** Dataset and property names at every depth, for the catalog's full-text and trigram search. */
export function searchableNames(contract: OdcsContract): string {
  const words = new Set<string>();
  for (const dataset of contract.schema ?? []) {
    if (typeof dataset.name === "string") words.add(dataset.name);
    walkProperties(dataset.properties, (p) => words.add(String(p.name)));
  }
  return [...words].join(" ");
}
