// The migration 20261203040000_contracts_and_datasets backfills dataset and property rows for products that
// existed before it. Its SQL must give exactly the rows the services write for a seed-format product, or the
// catalog would read old and new products differently: run the backfill over products the service registered
// (their rows removed first) and compare.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registerProduct } from "@/lib/products/register-product";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";

const MIGRATION = path.join(process.cwd(), "prisma/migrations/20261203040000_contracts_and_datasets/migration.sql");
let owner: CurrentUser;
let domain: string;

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
});

const rows = async (ids: string[]) => ({
  datasets: await db.dataProductDataset.findMany({
    where: { productId: { in: ids } },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
    omit: { id: true },
  }),
  properties: await db.dataProductProperty.findMany({
    where: { productId: { in: ids } },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
    omit: { id: true },
  }),
});

describe("the contracts migration's backfill", () => {
  it("gives seed-format products the same dataset and property rows the services write", async () => {
    const specs = [
      sampleSpec(domain),
      sampleSpec(domain, {
        schema: [
          { name: "id", type: "string", description: "key", required: true, pii: false },
          { name: "payload", type: "json", description: "", required: false, pii: true },
          { name: "at", type: "timestamp", description: "", required: false, pii: false },
        ],
      }),
    ];
    const ids: string[] = [];
    for (const spec of specs) ids.push((await registerProduct(owner, spec)).id);
    const written = await rows(ids);
    expect(written.datasets).toHaveLength(2);

    const sql = readFileSync(MIGRATION, "utf8");
    const backfill = sql.slice(sql.indexOf("INSERT INTO"));
    await db.$transaction(async (tx) => {
      await tx.dataProductDataset.deleteMany({ where: { productId: { in: ids } } });
      await tx.dataProductProperty.deleteMany({ where: { productId: { in: ids } } });
      // Only these products: the statements' WHERE gets the ids added.
      for (const statement of backfill.split(/;\s*\n/).filter((s) => s.trim().startsWith("INSERT"))) {
        await tx.$executeRawUnsafe(`${statement.trim()} AND p."id" = ANY($1::uuid[])`, ids);
      }
    });
    expect(await rows(ids)).toEqual(written);
  });
});
