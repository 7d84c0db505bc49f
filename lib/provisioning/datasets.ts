// A product's datasets (ODCS schema objects) as provisioned objects. Pure.
// The first dataset is `spec.schema` and keeps the names it always had (<product>_v<major>, view <product>,
// <product>__masked). Every other dataset of the contract gets its own table, serving view and masked view in
// the same schema: <product>__<dataset>_v<major>, <product>__<dataset>, <product>__<dataset>__masked.
//
// A dataset is named in the API (`?dataset=`) and in Deployment.resources.datasets by its key: its contract
// name as an identifier part ([a-z0-9_], no "__"), unique within the product. The first part of a name never
// contains "__" (identifierPart), so these names never meet the first dataset's; a key that would end like a
// table version (`_v1`) or read `masked` gets `_ds` appended, so a view never takes a table's or a masked view's name.
import { identifierPart, type ProductField } from "@/lib/products";
import { maskedViewNameFor } from "./masking";
import { fitIdentifier } from "./naming";
import { ValidationError } from "@/lib/errors";
import type { ProvisionRequest } from "./types";

/** One of the contract's other datasets, resolved when the job is requested (ProvisionRequest.datasets). */
export type DatasetRequest = {
  /** The key (`?dataset=`): the contract's name as an identifier part. */
  key: string;
  /** The name as the contract declares it (also accepted by `?dataset=`). */
  name: string;
  fields: ProductField[];
  /** `<product>__<key>`: the serving view's name and the stem of its tables' names. */
  view: string;
};

/** What a deployment holds for one of the other datasets (Deployment.resources.datasets[key]). */
export type DatasetResources = { table?: string; previousTables?: string[]; view?: string; maskedView?: string };

/** The relations one dataset's grants cover (grants.ts, the compliance monitor's expected privileges). */
export type DatasetRelations = { current: string; previous: readonly string[]; view: string | null; maskedView: string | null };

const RESERVED_KEY = /^masked$|(^|_)v\d+(_\d+)*$/;

/** Keys for the datasets' names, in order: identifier parts, unique, none that could take another object's name. */
export function datasetKeys(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    let key = identifierPart(raw).slice(0, 40).replace(/_+$/, "") || `dataset_${i + 1}`;
    if (RESERVED_KEY.test(key)) key = `${key}_ds`;
    let unique = key;
    for (let n = 2; used.has(unique); n++) unique = `${key}_${n}`;
    used.add(unique);
    return unique;
  });
}

/** The serving view (and table stem) of another dataset. */
export function datasetViewName(product: string, key: string): string {
  return fitIdentifier(`${identifierPart(product)}__${key}`);
}

/**
 * The request's datasets from the contract's datasets (projectDatasets): the first one's key, and the others.
 * A product without a declared contract has one dataset named after the product (as its derived contract says).
 */
export function requestDatasets(
  product: string,
  declared: readonly { name: string; fields: ProductField[] }[],
): { first: { key: string; name: string }; others: DatasetRequest[] } {
  if (declared.length === 0) return { first: { key: datasetKeys([product])[0], name: product }, others: [] };
  const keys = datasetKeys(declared.map((d) => d.name));
  const others = declared
    .slice(1)
    .map((d, i) => ({ key: keys[i + 1], name: d.name, fields: d.fields, view: datasetViewName(product, keys[i + 1]) }));
  return { first: { key: keys[0], name: declared[0].name }, others };
}

/**
 * The relations of the other datasets a deployment serves now (a table and views): what the governance step
 * grants on and the compliance monitor expects. A dataset dropped from the contract has no views left and no grants.
 */
export function datasetRelations(resources: Readonly<Record<string, DatasetResources>> | undefined): DatasetRelations[] {
  return Object.values(resources ?? {}).flatMap((r) => {
    if (!r.table || !r.view) return [];
    return [{ current: r.table, previous: r.previousTables ?? [], view: r.view, maskedView: r.maskedView ?? maskedViewNameFor(r.view) }];
  });
}

/**
 * The dataset a read or a load asks for (`?dataset=`) among those a provisioning request declared: `picked` is
 * null for the first, else one of `others`. An unknown one is a 400 naming `dataset` and the product's datasets.
 */
export function requestedDataset(
  request: Pick<ProvisionRequest, "spec" | "firstDataset" | "datasets">,
  ref: { domain: string; name: string; dataset?: string | null },
): { first: { key: string; name: string }; others: DatasetRequest[]; picked: DatasetRequest | null } {
  const first = request.firstDataset ?? requestDatasets(request.spec.name, []).first;
  const others = request.datasets ?? [];
  const picked = pickDataset(ref.dataset, first, others);
  if (picked === undefined) {
    const names = [first.key, ...others.map((d) => d.key)].join(", ");
    const message = `Unknown dataset "${ref.dataset}". Datasets of ${ref.domain}/${ref.name}: ${names}.`;
    throw new ValidationError(message, { dataset: [message] });
  }
  return { first, others, picked };
}

/**
 * Which dataset `?dataset=` names: null for the first (absent, its key or its declared name), else one of the
 * others; undefined when there is no such dataset.
 */
export function pickDataset(
  asked: string | null | undefined,
  first: { key: string; name?: string },
  others: readonly DatasetRequest[],
): DatasetRequest | null | undefined {
  if (asked === null || asked === undefined || asked === "" || asked === first.key || asked === first.name) return null;
  return others.find((d) => d.key === asked) ?? others.find((d) => d.name === asked);
}
