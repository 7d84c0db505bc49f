// The contracts-and-datasets migration (20261203040000) on 1,000 products stored in the shape before it: every
// product gets its dataset and property rows, as many properties as its spec had fields, and a sample of 100
// has exactly the rows the app derives from the spec. The same run at 10,000 is bench/migration-row.ts.
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { measureContractsMigration } from "@/bench/migration";

describe("the contracts migration on a mesh of old-shape products", () => {
  it("moves every spec field of 1,000 products into property rows without loss", async () => {
    // A database of its own on the same server (the integration database is already past this migration).
    const admin = new URL(env().DATABASE_URL);
    admin.pathname = "/postgres";
    const r = await measureContractsMigration(admin.toString(), 1000);
    expect(r.products).toBe(1000);
    expect(r.oldFields).toBe(20_000);
    expect(r.datasets).toBe(1000);
    expect(r.properties).toBe(r.oldFields);
    expect(r.productsWithoutDataset).toBe(0);
    expect(r.productsWithFieldCountMismatch).toBe(0);
    expect(r.sampled).toBe(100);
    expect(r.sampleMismatches).toEqual([]);
  });
});
