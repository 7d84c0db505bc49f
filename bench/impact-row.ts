// Only the impact-preview rows of `npm run bench`, on a mesh of its own:
// `tsx --conditions=react-server bench/impact-row.ts [--products 100000]` (default 100,000; the full bench's size),
// or `... bench/impact-row.ts --url <database>` to measure a mesh generated before (nothing is created or dropped).
import { createScratchDatabase, ensureDatabase } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { generateMesh } from "./mesh";
import { policyImpactRows } from "./policies";

const arg = process.argv.indexOf("--products");
const products = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;

const urlArg = process.argv.indexOf("--url");

async function report(url: string) {
  for (const r of await policyImpactRows(url, { quick: false })) console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
}

async function main() {
  if (urlArg > 0) {
    await report(process.argv[urlArg + 1]);
    process.exit(0);
  }
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench_impact");
  try {
    await migrateDeploy(scratch.url);
    await seedDemo({ ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: "warn" });
    const gen = await generateMesh(scratch.url, { domains: Math.max(10, Math.round(products / 100)), products, auditEvents: 0 });
    console.log(`[bench] setup · generate ${products} products: ${((gen.products_ms + gen.fields_and_versions_ms) / 1000).toFixed(1)} s`);
    await report(scratch.url);
  } finally {
    await scratch.drop();
    await server.stop?.();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
