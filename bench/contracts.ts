// Bulk registration of ODCS contracts through the import service: the batch path (lib/products/import-contracts.ts:
// one validation pass, one transaction per batch of 1,000; what POST /api/v1/products/batch runs), one batch at a
// time and two in flight as `meshport apply` sends them (the portal validates one batch while PostgreSQL writes the
// other), against the one-at-a-time path of a single document (importProduct). Contracts have two datasets and a nested object, so every write includes dataset and
// property rows. `tsx --conditions=react-server bench/contracts.ts [--count 10000]` runs it alone on a scratch
// database; bench/run.ts runs it as the `contracts` section.
import type { Row, Section } from "./sections";

const BATCH = 1_000;

function contract(i: number, run: string): string {
  return JSON.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `urn:bench:${run}:${i}`,
    name: `bench-${run}-${i}`,
    version: "1.0.0",
    status: "active",
    description: { purpose: `Benchmark contract ${i}`, usage: "Benchmarks only" },
    tags: ["bench", `group-${i % 50}`],
    schema: [
      {
        name: "orders",
        physicalType: "table",
        properties: [
          { name: "order_id", logicalType: "string", physicalType: "VARCHAR(36)", primaryKey: true, required: true },
          { name: "amount", logicalType: "number", physicalType: "DECIMAL(10,2)", quality: [{ metric: "nullValues", mustBe: 0 }] },
          { name: "placed_at", logicalType: "timestamp" },
          {
            name: "customer",
            logicalType: "object",
            properties: [
              { name: "email", logicalType: "string", classification: "restricted", tags: ["pii"] },
              { name: "country", logicalType: "string" },
            ],
          },
        ],
      },
      {
        name: "order_lines",
        physicalType: "table",
        properties: [
          { name: "sku", logicalType: "string" },
          { name: "quantity", logicalType: "integer" },
        ],
      },
    ],
    slaProperties: [{ property: "availability", value: 99.5, unit: "%" }],
  });
}

type Rates = { sequential: number; twoInFlight: number; singlePerSecond: number; single: number };

export async function benchContracts(url: string, count: number): Promise<Rates> {
  process.env.DATABASE_URL = url;
  const { createDomain, createPrincipal, ensureGlobalPolicy } = await import("@/prisma/seed/factories");
  const { importContracts } = await import("@/lib/products/import-contracts");
  const { importProduct } = await import("@/lib/products/import-product");
  await ensureGlobalPolicy();
  const domain = (await createDomain()).slug;
  const user = await createPrincipal(["data_producer"], { [domain]: "owner" });
  const choices = { domain, owner: `${domain}@company.com` };

  /** `count` new contracts in batches of 1,000, `inFlight` batches at a time: contracts per second. */
  const register = async (run: string, inFlight: number) => {
    const docs = Array.from({ length: count }, (_, i) => contract(i, run));
    let next = 0;
    const sender = async () => {
      while (next < docs.length) {
        const start = next;
        next += BATCH;
        const result = await importContracts(user, docs.slice(start, start + BATCH), choices);
        if (result.registered !== Math.min(BATCH, docs.length - start)) throw new Error("batch registered fewer contracts than sent");
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, sender));
    return count / ((performance.now() - started) / 1000);
  };
  const run = Date.now().toString(36);
  // One batch first, not counted: the first call pays for loading modules and compiling the validators.
  await importContracts(
    user,
    Array.from({ length: BATCH }, (_, i) => contract(i, `${run}w`)),
    choices,
  );
  // Two in flight first, then one at a time on the 10,000 products more that the first run left.
  const twoInFlight = await register(`${run}b`, 2);
  const sequential = await register(`${run}a`, 1);

  const single = Math.min(200, Math.max(20, Math.floor(count / 50)));
  const singleStarted = performance.now();
  for (let i = 0; i < single; i++) await importProduct(user, contract(count + i, run), "auto", "", choices);
  const singleSeconds = (performance.now() - singleStarted) / 1000;
  return { sequential, twoInFlight, singlePerSecond: single / singleSeconds, single };
}

async function rows(url: string, count: number): Promise<Row[]> {
  const r = await benchContracts(url, count);
  const what = `bulk registration of ${count.toLocaleString("en")} ODCS contracts (2 datasets, nested), batches of ${BATCH}`;
  return [
    {
      area: "contract import",
      metric: `${what}, two in flight (as meshport apply sends them)`,
      value: `${Math.round(r.twoInFlight).toLocaleString("en")} contracts/s`,
      target: "≥ 1,000/s",
    },
    {
      area: "contract import",
      metric: `${what}, one at a time`,
      value: `${Math.round(r.sequential).toLocaleString("en")} contracts/s`,
    },
    {
      area: "contract import",
      metric: `one at a time through importProduct (${r.single} contracts)`,
      value: `${r.singlePerSecond.toFixed(0)} contracts/s`,
    },
  ];
}

export const contractsSection: Section = (url, { quick }) => rows(url, quick ? 2_000 : 10_000);

async function main() {
  const { createScratchDatabase, ensureDatabase } = await import("../scripts/embedded-db");
  const { migrateDeploy } = await import("../scripts/prisma");
  const countArg = process.argv.indexOf("--count");
  const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 10_000;
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench_contracts");
  try {
    await migrateDeploy(scratch.url);
    for (const row of await rows(scratch.url, count))
      console.log(`[bench] ${row.area} · ${row.metric}: ${row.value}${row.target ? `  (target ${row.target})` : ""}`);
  } finally {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await scratch.drop();
  }
  process.exit(0);
}

if (process.argv[1]?.endsWith("contracts.ts")) void main();
