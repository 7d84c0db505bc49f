// Keeps a declared contract in step when its product is edited through the portal's form (which edits the
// spec: the first dataset's top-level fields, version, description, tags). Only what the edit changed is
// written into the contract; everything else stays as declared. Pure.
import { ODCS_LOGICAL_TYPES } from "@/lib/products/odcs";
import type { DataProductSpec, ProductField } from "@/lib/products/types";
import { projectContract } from "./project";
import type { OdcsContract, OdcsProperty } from "./types";

function newProperty(field: ProductField): OdcsProperty {
  return {
    name: field.name,
    logicalType: ODCS_LOGICAL_TYPES[field.type],
    required: field.required,
    ...(field.description !== "" ? { description: field.description } : {}),
    ...(field.pii ? { tags: ["pii"] } : {}),
  };
}

export function syncContract(contract: OdcsContract, before: DataProductSpec, after: DataProductSpec): OdcsContract {
  const next = structuredClone(contract);
  if (after.version !== before.version) next.version = after.version;
  if (after.description !== before.description) next.description = { ...(next.description ?? {}), purpose: after.description };
  if (JSON.stringify(after.tags) !== JSON.stringify(before.tags)) next.tags = [...after.tags];
  const fieldsChanged = JSON.stringify(after.schema) !== JSON.stringify(before.schema);
  if (!fieldsChanged) return next;
  // Which declared property each column of `before` stands for: the projection's order is the contract's.
  const columns = projectContract(contract).spec.schema.map((f) => f.name);
  const dataset = next.schema?.[0] ?? { name: after.name, logicalType: "object", physicalType: "table", properties: [] };
  const declared = dataset.properties ?? [];
  const properties: OdcsProperty[] = after.schema.map((field) => {
    const index = columns.indexOf(field.name);
    const old = index >= 0 ? before.schema.find((f) => f.name === field.name) : undefined;
    if (index < 0 || !old || !declared[index]) return newProperty(field);
    const property = { ...declared[index] };
    if (old.description !== field.description) property.description = field.description;
    if (old.required !== field.required) property.required = field.required;
    if (old.type !== field.type) {
      property.logicalType = ODCS_LOGICAL_TYPES[field.type];
      delete property.physicalType; // the declared physical type no longer describes the column
    }
    if (old.pii !== field.pii)
      property.tags = field.pii ? [...new Set([...(property.tags ?? []), "pii"])] : (property.tags ?? []).filter((t) => t !== "pii");
    return property;
  });
  // Declared properties beyond the form's 500 columns are not the form's to remove.
  next.schema = [{ ...dataset, properties: [...properties, ...declared.slice(columns.length)] }, ...(next.schema ?? []).slice(1)];
  return next;
}
