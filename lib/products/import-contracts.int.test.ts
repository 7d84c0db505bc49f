// The batch path: many contracts in one transaction, all or nothing; existing ones become versions.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { importContracts } from "@/lib/products/import-contracts";
import { validateProductById } from "@/lib/governance/server";
import { createDomain, createPrincipal, ensureGlobalPolicy, uid } from "@/prisma/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";

let domain: string;
let owner: CurrentUser;
let outsider: CurrentUser;

const doc = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id,
    name: id,
    version: "1.0.0",
    status: "active",
    schema: [
      { name: "a", properties: [{ name: "x", logicalType: "object", properties: [{ name: "deep", logicalType: "string" }] }] },
      { name: "b", properties: [{ name: "y" }] },
    ],
    ...extra,
  });

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  outsider = await createPrincipal(["data_producer"]);
});

describe("importContracts", () => {
  it("registers a batch with every dataset and nested property row, and versions a contract seen before", async () => {
    const ids = Array.from({ length: 30 }, () => `bulk-${uid()}`);
    const choices = { domain, owner: `${domain}@company.com` };
    const first = await importContracts(
      owner,
      ids.map((id) => doc(id)),
      choices,
    );
    expect(first.registered).toBe(30);
    expect(first.versioned).toEqual([]);
    expect(first.products.map((p) => p.name).sort()).toEqual([...ids].sort());
    // One governance pass over the batch: each product's first validation is stored with it, and says what a
    // validation of the stored product says.
    const stored = await db.dataProduct.findMany({
      where: { contractId: { in: ids } },
      select: { id: true, name: true, complianceStatus: true, complianceErrors: true, complianceWarnings: true, validatedAt: true },
    });
    const validations = await db.productValidation.findMany({ where: { productId: { in: stored.map((p) => p.id) } } });
    expect(validations).toHaveLength(30);
    expect(new Set(validations.map((v) => v.trigger))).toEqual(new Set(["product-change"]));
    const [one] = stored;
    expect(one.validatedAt).not.toBeNull();
    const fresh = await validateProductById(one.id, { trigger: "manual" });
    expect([one.complianceStatus, one.complianceErrors, one.complianceWarnings]).toEqual([fresh.status, fresh.errors, fresh.warnings]);
    expect(first.products.find((p) => p.name === one.name)).toMatchObject({ status: fresh.status, errors: fresh.errors });
    expect(fresh.status).not.toBe("unknown");
    expect(await db.dataProduct.count({ where: { contractId: { in: ids } } })).toBe(30);
    expect(await db.dataProductDataset.count({ where: { product: { contractId: { in: ids } } } })).toBe(60);
    expect(await db.dataProductProperty.count({ where: { product: { contractId: { in: ids } } } })).toBe(90);
    const again = await importContracts(owner, [doc(ids[0], { version: "1.1.0" }), doc(`bulk-${uid()}`)], choices);
    expect(again.registered).toBe(1);
    expect(again.versioned).toMatchObject([{ action: "versioned", version: "1.1.0" }]);
    // The new version is validated too.
    const versionedProduct = await db.dataProduct.findFirstOrThrow({ where: { contractId: ids[0] }, select: { id: true } });
    const latest = await db.productValidation.findFirstOrThrow({
      where: { productId: versionedProduct.id },
      orderBy: { createdAt: "desc" },
    });
    expect(latest.productVersion).toBe("1.1.0");
  });

  it("runs two batches at once: new words shared by both never deadlock, and a product both register is a 409 for one", async () => {
    const choices = { domain, owner: `${domain}@company.com` };
    // Fresh words (names and properties) that both batches add to the vocabulary, in different orders.
    const words = Array.from(
      { length: 40 },
      () =>
        `w${uid()
          .replace(/[^a-z0-9]/gi, "")
          .toLowerCase()}x`,
    );
    const withWords = (id: string, order: string[]) =>
      doc(id, { schema: [{ name: "a", properties: order.map((name) => ({ name, logicalType: "string" })) }] });
    const left = Array.from({ length: 50 }, (_, i) => withWords(`left-${i}-${uid()}`, words));
    const right = Array.from({ length: 50 }, (_, i) => withWords(`right-${i}-${uid()}`, [...words].reverse()));
    const [a, b] = await Promise.all([importContracts(owner, left, choices), importContracts(owner, right, choices)]);
    expect([a.registered, b.registered]).toEqual([50, 50]);
    expect(await db.catalogWord.count({ where: { word: { in: words } } })).toBe(words.length);

    const shared = `both-${uid()}`;
    const outcomes = await Promise.allSettled([
      importContracts(owner, [doc(shared), ...Array.from({ length: 30 }, () => doc(`one-${uid()}`))], choices),
      importContracts(owner, [doc(shared), ...Array.from({ length: 30 }, () => doc(`two-${uid()}`))], choices),
    ]);
    expect(await db.dataProduct.count({ where: { contractId: shared } })).toBe(1);
    // Either the second saw the first's commit (a new version) or it raced it and was refused whole.
    const refused = outcomes.filter((o) => o.status === "rejected");
    for (const o of refused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const fulfilled = outcomes.filter(
      (o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof importContracts>>> => o.status === "fulfilled",
    );
    expect(fulfilled.reduce((n, o) => n + o.value.registered, 0)).toBe(refused.length === 1 ? 31 : 61);
  });

  it("refuses the whole batch when one document is not valid ODCS, naming the document and line", async () => {
    const before = await db.dataProduct.count();
    const bad = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\n";
    const error = await importContracts(owner, [doc(`bulk-${uid()}`), bad], { domain, owner: `${domain}@company.com` }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})[0]).toMatch(/^documents\[1\]/);
    expect(await db.dataProduct.count()).toBe(before);
  });

  it("refuses a producer of another domain, writing nothing", async () => {
    const before = await db.dataProduct.count();
    await expect(importContracts(outsider, [doc(`bulk-${uid()}`)], { domain, owner: `${domain}@company.com` })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await db.dataProduct.count()).toBe(before);
  });
});
