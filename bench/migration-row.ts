// The contracts-and-datasets migration on a bench-sized mesh of old-shape products, timed and checked for loss:
// `DATABASE_URL=<server> tsx --conditions=react-server bench/migration-row.ts [--products 10000]`.
import { CONTRACTS_MIGRATION, measureContractsMigration } from "./migration";
import { arg, benchServer } from "./scratch";

async function main() {
  const admin = benchServer();
  const products = Number(arg("products") ?? 10_000);
  const s = performance.now();
  const r = await measureContractsMigration(admin, products);
  const t = (n: number) => `${(n / 1000).toFixed(2)} s`;
  console.log(`[bench] migration · old shape: ${r.products} products, ${r.oldFields} spec fields`);
  console.log(
    `[bench] migration · earlier migrations ${t(r.timings.earlierMigrations_ms)}, generate ${t(r.timings.generate_ms)}, checks ${t(r.timings.checks_ms)}, whole run ${t(performance.now() - s)}`,
  );
  console.log(`[bench] migration · ${CONTRACTS_MIGRATION}: ${t(r.timings.migration_ms)}`);
  console.log(`[bench] migration · after: ${r.datasets} datasets, ${r.properties} properties`);
  console.log(
    `[bench] migration · products without a dataset: ${r.productsWithoutDataset}; property count ≠ spec field count: ${r.productsWithFieldCountMismatch}`,
  );
  console.log(`[bench] migration · sample of ${r.sampled} compared field by field: ${r.sampleMismatches.length} mismatches`);
  for (const m of r.sampleMismatches.slice(0, 20)) console.log(`  ${m}`);
  const ok =
    r.productsWithoutDataset === 0 &&
    r.productsWithFieldCountMismatch === 0 &&
    r.properties === r.oldFields &&
    r.sampleMismatches.length === 0;
  process.exit(ok ? 0 : 2);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
