// Only the ingestion row, on a scratch database of its own: the portal's CSV loader and psql \copy of the
// same generated file, one after the other, and their ratio. `npm run bench:ingest -- 1000000`.
// (`npm run bench` runs the same measurement inside its provisioning section and writes docs/benchmarks.md.)
import { createScratchDatabase, ensureDatabase } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";
import { benchIngest, cleanupRoles } from "./provisioning";

async function main() {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench_ingest");
  try {
    await migrateDeploy(scratch.url);
    const r = await benchIngest(rows, scratch.url, { serving: false });
    const mb = r.bytes / 1e6;
    console.log(`[bench] CSV ${rows.toLocaleString("en")} rows (${mb.toFixed(0)} MB)`);
    console.log(
      `[bench] portal: ${Math.round(r.portal.rowsPerSecond).toLocaleString("en")} rows/s, ${(mb / (r.portal.ms / 1000)).toFixed(1)} MB/s (${(r.portal.ms / 1000).toFixed(2)} s)`,
    );
    console.log(
      `[bench] psql \\copy: ${r.psql.note || `${Math.round(r.psql.rowsPerSecond).toLocaleString("en")} rows/s, ${(mb / (r.psql.ms / 1000)).toFixed(1)} MB/s (${(r.psql.ms / 1000).toFixed(2)} s)`}`,
    );
    console.log(`[bench] portal ÷ psql \\copy throughput: ${r.ratio.toFixed(2)}×`);
  } finally {
    await cleanupRoles().catch(() => {});
    const { startWorker } = await import("@/job-handlers");
    await (await startWorker()).stop().catch(() => {});
    await scratch.drop();
    await server.stop?.();
  }
  process.exit(0);
}

void main();
