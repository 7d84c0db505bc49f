// Data subject requests against provisioned tables: one person's records found by the subject keys the
// contracts declare (a PII field named email; a differently named column declared subjectKey: email),
// exported, and erased — exactly their rows, with a report per product and audit rows. Others are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs/queue";
import { qualified } from "@/lib/provisioning/naming";
import type { OdcsContract } from "@/lib/products";
import { createPrincipal } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, provisioned, withClient } from "@/tests/provisioning-fixtures";
import { eraseSubject } from "./erase-subject.db";
import { findSubject } from "./find-subject.db";

const sql = (text: string, params: unknown[] = []) => withClient(async (c) => (await c.query(text, params)).rows);
const ALICE = `alice-${Date.now()}@example.com`;
let customers: string;
let orders: string;
let ordersRef: string;

beforeAll(async () => {
  await ensurePlatformReferenceData();
  const a = await ownedProduct({
    classification: "confidential",
    schema: [
      { name: "id", type: "string", description: "Id", required: true, pii: false },
      { name: "email", type: "string", description: "E-mail", required: false, pii: true },
    ],
    governance: { encryption: true, retention: "1_year", purpose: "billing", erasure: true },
  });
  customers = qualified(...(await names(a)));
  const b = await ownedProduct({
    schema: [
      { name: "id", type: "string", description: "Id", required: true, pii: false },
      { name: "buyer_email", type: "string", description: "Buyer", required: false, pii: false },
    ],
  });
  orders = qualified(...(await names(b)));
  ordersRef = `${b.domain}/${b.spec.name}`;
  const contract: OdcsContract = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `orders-${b.spec.name}`,
    version: "1.0.0",
    status: "active",
    schema: [
      {
        name: "orders",
        properties: [{ name: "id" }, { name: "buyer_email", customProperties: [{ property: "subjectKey", value: "email" }] }],
      },
    ],
  };
  await db.dataProduct.update({ where: { id: b.productId }, data: { contract: contract as object } });
  await sql(`INSERT INTO ${customers} (id, email) VALUES ('c1', $1), ('c2', 'bob@example.com'), ('c3', NULL)`, [ALICE]);
  await sql(`INSERT INTO ${orders} (id, buyer_email) VALUES ('o1', $1), ('o2', $1), ('o3', 'bob@example.com')`, [ALICE]);
});

async function names(f: Awaited<ReturnType<typeof ownedProduct>>): Promise<[string, string]> {
  const { deployment } = await provisioned(f);
  return [deployment.schemaName!, deployment.tableName!];
}

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

describe("data subject requests", () => {
  it("finds the person's records in every product that declares the key, for export", async () => {
    const governance = await createPrincipal(["governance"]);
    const found = await findSubject(governance, { key: "email", value: ALICE });
    const byTable = Object.fromEntries(found.matches.map((m) => [m.table, m.count]));
    expect(Object.values(byTable).sort()).toEqual([1, 2]);
    const orderMatch = found.matches.find((m) => m.product === ordersRef)!;
    expect(orderMatch.columns).toEqual(["buyer_email"]);
    expect(orderMatch.rows.map((r) => r.id).sort()).toEqual(["o1", "o2"]);
    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: "subject_request:find", subject: governance.email } });
    expect(JSON.stringify({ reason: audited.reason, context: audited.context })).not.toContain(ALICE);
  });

  it("refuses people who are not governance or data admins, and erasure without a reason", async () => {
    const producer = await createPrincipal(["data_producer"]);
    await expect(findSubject(producer, { key: "email", value: ALICE })).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await createPrincipal(["data_admin"]);
    await expect(eraseSubject(admin, { key: "email", value: ALICE, reason: "", confirm: "erase" })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      eraseSubject(admin, { key: "email; drop", value: ALICE, reason: "Customer asked on 1 Dec", confirm: "erase" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await sql(`SELECT count(*)::int AS n FROM ${orders}`))[0].n).toBe(3);
  });

  it("erases exactly the subject's rows and reports them per product", async () => {
    const admin = await createPrincipal(["data_admin"]);
    const report = await eraseSubject(admin, {
      key: "email",
      value: ALICE,
      reason: "Erasure request #42 from the customer",
      confirm: "erase",
    });
    expect(report.total).toBe(3);
    expect(report.products.map((p) => p.deleted).sort()).toEqual([1, 2]);
    expect((await sql(`SELECT id FROM ${customers} ORDER BY id`)).map((r) => r.id)).toEqual(["c2", "c3"]);
    expect((await sql(`SELECT id FROM ${orders} ORDER BY id`)).map((r) => r.id)).toEqual(["o3"]);
    const rows = await db.auditEvent.findMany({ where: { action: "subject_request:erase", subject: admin.email } });
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.resource === `data_product:${ordersRef}`)?.reason).toMatch(/Erased 2 row\(s\).*Erasure request #42/);
    expect((await findSubject(admin, { key: "email", value: ALICE })).matches).toEqual([]);
  });
});
