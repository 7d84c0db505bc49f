// Erasing one person's records (GDPR right to erasure, CCPA deletion) from every provisioned product that
// declares the subject key: one transaction for all tables, an audit row per product naming the rows deleted,
// and a report of rows deleted per product. Governance and data admins only; a reason is required.
import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { qualified } from "@/lib/provisioning";
import { matchSql, subjectTargets } from "./find-subject.db";
import { erasureSchema } from "./subject-keys";

export type ErasureReport = {
  key: string;
  total: number;
  products: Array<{ product: string; environment: string; table: string; deleted: number }>;
};

export async function eraseSubject(user: CurrentUser, input: unknown): Promise<ErasureReport> {
  await assertCan(user, "handleSubjectRequests", [], {
    message: "Only governance and data admins can erase a data subject's records.",
    resource: "subject_requests",
  });
  const parsed = erasureSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[String(i.path[0])] ??= []).push(i.message);
    throw new ValidationError("Nothing was erased: check the form.", fieldErrors);
  }
  const { key, value, reason } = parsed.data;
  const targets = await subjectTargets(key);
  return db.$transaction(
    async (tx) => {
      const report: ErasureReport = { key, total: 0, products: [] };
      const perProduct = new Map<string, { domain: string; name: string; deleted: number; tables: string[] }>();
      for (const { t, table, columns } of targets) {
        const deleted = await tx.$executeRawUnsafe(`DELETE FROM ${qualified(t.schema, table)} WHERE ${matchSql(columns)}`, value);
        if (deleted === 0) continue;
        report.total += deleted;
        report.products.push({
          product: `${t.product.domain}/${t.product.name}`,
          environment: t.environment,
          table: `${t.schema}.${table}`,
          deleted,
        });
        const entry = perProduct.get(t.product.id) ?? { domain: t.product.domain, name: t.product.name, deleted: 0, tables: [] };
        entry.deleted += deleted;
        entry.tables.push(`${t.schema}.${table}: ${deleted}`);
        perProduct.set(t.product.id, entry);
      }
      for (const p of perProduct.values())
        await audit(
          {
            subject: user.email,
            action: "subject_request:erase",
            resource: productResource(p.domain, p.name),
            decision: "allow",
            policyId: "compliance",
            reason: `Erased ${p.deleted} row(s) of a data subject by ${key}: ${reason}`,
            context: { key, tables: p.tables },
          },
          tx,
        );
      await audit(
        {
          subject: user.email,
          action: "subject_request:erase",
          resource: "subject_requests",
          decision: "allow",
          policyId: "compliance",
          reason: `Erased ${report.total} row(s) of a data subject by ${key} across ${perProduct.size} product(s): ${reason}`,
          context: { key, products: report.products },
        },
        tx,
      );
      return report;
    },
    { timeout: 120_000 },
  );
}
