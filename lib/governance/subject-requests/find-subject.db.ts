// Finding one person's records across every provisioned product (GDPR/CCPA access and portability): every
// active deployment whose product declares the subject key (subject-keys.ts) is searched in PostgreSQL by
// that column; the matching rows are returned (at most MAX_ROWS per table) for the JSON export. Governance
// and data admins only; every search is audited (it reads personal data across domains).
import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { LOADED_AT } from "@/lib/products";
import { qualified, quoteIdent } from "@/lib/provisioning";
import { dataTables, provisionedTables, type ProvisionedTable } from "../compliance/monitor/provisioned.db";
import { subjectColumns, subjectRequestSchema, type SubjectRequest } from "./subject-keys";

export const MAX_ROWS = 1000;

export type SubjectMatch = {
  product: string;
  domain: string;
  name: string;
  environment: string;
  table: string;
  columns: string[];
  count: number;
  rows: Record<string, unknown>[];
};

export function parseSubjectRequest(input: unknown): SubjectRequest {
  const parsed = subjectRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[String(i.path[0])] ??= []).push(i.message);
    throw new ValidationError("Check the subject key and identifier.", fieldErrors);
  }
  return parsed.data;
}

/** The tables and columns to search for `key`: (deployment, table, columns) of every product declaring it. */
export async function subjectTargets(key: string): Promise<Array<{ t: ProvisionedTable; table: string; columns: string[] }>> {
  const out: Array<{ t: ProvisionedTable; table: string; columns: string[] }> = [];
  for (const t of await provisionedTables()) {
    const columns = subjectColumns(t.product.spec, t.product.contract).get(key);
    if (!columns || columns.length === 0) continue;
    for (const table of dataTables(t)) {
      const present = await db.$queryRaw<{ name: string }[]>`
        SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ${t.schema} AND table_name = ${table}`;
      const names = new Set(present.map((c) => c.name));
      const usable = columns.filter((c) => names.has(c));
      if (usable.length > 0) out.push({ t, table, columns: usable });
    }
  }
  return out;
}

/** `col::text = $1 OR …`: compared as text so an email and a numeric customer_id are found alike. */
export const matchSql = (columns: string[]) => columns.map((c) => `${quoteIdent(c)}::text = $1`).join(" OR ");

export async function findSubject(user: CurrentUser, input: unknown): Promise<{ key: string; matches: SubjectMatch[] }> {
  await assertCan(user, "handleSubjectRequests", [], {
    message: "Only governance and data admins can handle data subject requests.",
    resource: "subject_requests",
  });
  const { key, value } = parseSubjectRequest(input);
  const matches: SubjectMatch[] = [];
  for (const { t, table, columns } of await subjectTargets(key)) {
    const from = qualified(t.schema, table);
    const where = matchSql(columns);
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, value);
    if (Number(n) === 0) continue;
    const dataColumns = [...(t.product.spec.schema ?? []).map((f) => f.name), LOADED_AT];
    const present = await db.$queryRaw<{ name: string }[]>`
      SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ${t.schema} AND table_name = ${table}`;
    const names = new Set(present.map((c) => c.name));
    const select = dataColumns
      .filter((c) => names.has(c))
      .map(quoteIdent)
      .join(", ");
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${select} FROM ${from} WHERE ${where} LIMIT ${MAX_ROWS}`,
      value,
    );
    matches.push({
      product: `${t.product.domain}/${t.product.name}`,
      domain: t.product.domain,
      name: t.product.name,
      environment: t.environment,
      table: `${t.schema}.${table}`,
      columns,
      count: Number(n),
      rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]))),
    });
  }
  await audit({
    subject: user.email,
    action: "subject_request:find",
    resource: "subject_requests",
    decision: "allow",
    reason: `Searched every provisioned product for the ${key} of a data subject: ${matches.length} table(s) hold their records.`,
    policyId: "compliance",
    // The identifier itself is personal data: the audit log keeps its key and where it was found, not the value.
    context: { key, tables: matches.map((m) => ({ table: m.table, count: m.count })) },
  });
  return { key, matches };
}
