// Masking in the database: beside the serving view, a masked view shows the same rows with every field the
// contract marks as PII masked (text → "***", other types → NULL). Readers the policy does not clear for PII
// (lib/governance clearedForPii) read only the masked view: the read API, its CSV/NDJSON output and the
// product page's preview go through readProductData, SQL logins of grant holders are granted only this view,
// so a field is masked the same way wherever it is read. Pure.
import type { ProductField } from "@/lib/products";
import { fitIdentifier, qualified, quoteIdent } from "./naming";
import { PG_TYPES } from "./table-design";

export const MASK = "***";

export function maskedViewNameFor(view: string): string {
  return fitIdentifier(`${view}__masked`);
}

/** The masked view's select list: the serving view's columns, PII ones replaced. */
export function maskedSelectList(fields: readonly Pick<ProductField, "name" | "type" | "pii">[]): string {
  const columns = fields.map((f) => {
    const col = quoteIdent(f.name);
    if (!f.pii) return col;
    if (PG_TYPES[f.type] === "text") return `CASE WHEN ${col} IS NULL THEN NULL ELSE '${MASK}' END AS ${col}`;
    return `NULL::${PG_TYPES[f.type]} AS ${col}`;
  });
  return [...columns, quoteIdent("_loaded_at")].join(", ");
}

export function createMaskedViewSql(
  schema: string,
  view: string,
  fields: readonly Pick<ProductField, "name" | "type" | "pii">[],
): string[] {
  const masked = qualified(schema, maskedViewNameFor(view));
  return [`DROP VIEW IF EXISTS ${masked}`, `CREATE VIEW ${masked} AS SELECT ${maskedSelectList(fields)} FROM ${qualified(schema, view)}`];
}

/** What a grant holder's SQL login may do in one deployment: use the schema and read the masked view, nothing else. */
export function loginGrantStatements(schema: string, maskedView: string, role: string): string[] {
  return [
    `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(role)}`,
    `GRANT SELECT ON TABLE ${qualified(schema, maskedView)} TO ${quoteIdent(role)}`,
  ];
}
