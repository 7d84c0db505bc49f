// `npm run bench`: builds a mesh at scale in its own database, measures, prints a table and writes it to
// docs/benchmarks.md with the machine's cores and memory. `npm run bench -- --quick` runs a small mesh.
import os from "node:os";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase, ensureDatabase, REPO_ROOT } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { generateMesh } from "./mesh";
import { benchSearch } from "./catalog";
import { httpSection } from "./http";
import { ms } from "./stats";
import { extraSections, type Row } from "./sections";

const quick = process.argv.includes("--quick");
const SIZE = quick ? { domains: 50, products: 5_000, auditEvents: 50_000 } : { domains: 1_000, products: 100_000, auditEvents: 1_000_000 };
const HTTP_SECONDS = quick ? 5 : 30;
// `--only http,policyImpact`: just those sections (names: search, http and those of bench/sections.ts); the
// figures are printed, and docs/benchmarks.md is left as it is.
const onlyArg = process.argv.indexOf("--only");
const ONLY = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(",")) : null;
const only = (name: string) => ONLY === null || ONLY.has(name);

async function main() {
  const rows: Row[] = [];
  const add = (r: Row) => {
    rows.push(r);
    console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
  };
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench");
  try {
    await migrateDeploy(scratch.url);
    await seedDemo({ ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: "warn" });
    // Catalog search reads every dataset's properties, so its mesh has them (1–4 datasets per product).
    const gen = await generateMesh(scratch.url, { ...SIZE, datasets: only("search") });
    add({
      area: "setup",
      metric: `generate ${SIZE.domains} domains, ${SIZE.products} products × 20 fields${only("search") ? " and 1–4 datasets" : ""}, ${SIZE.auditEvents} audit events`,
      value: `${((gen.products_ms + gen.fields_and_versions_ms + (gen.datasets_ms ?? 0) + gen.domains_ms + gen.audit_events_ms) / 1000).toFixed(1)} s`,
    });

    const search = only("search") ? await benchSearch(scratch.url) : null;
    if (search)
      add({
        area: "catalog search",
        metric: `service p50 / p95 / p99 (${search.queries} queries × ${search.rounds})`,
        value: `${ms(search.service.p50)} / ${ms(search.service.p95)} / ${ms(search.service.p99)}`,
        target: "p95 < 50 ms",
      });
    if (search)
      add({
        area: "catalog search",
        metric: "same SQL direct p50 / p95 / p99",
        value: `${ms(search.direct.p50)} / ${ms(search.direct.p95)} / ${ms(search.direct.p99)}`,
      });
    if (search) add({ area: "catalog search", metric: "service ÷ direct SQL (p95)", value: `${search.ratioP95.toFixed(2)}×` });

    for (const section of extraSections) {
      if (!only(section.name)) continue;
      try {
        for (const r of await section(scratch.url, { quick })) add(r);
      } catch (e) {
        add({ area: "error", metric: section.name, value: `failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }

    if (only("http")) for (const r of await httpSection(scratch.url, { seconds: HTTP_SECONDS })) add(r);
  } finally {
    await scratch.drop();
    await server.stop?.();
  }
  if (ONLY === null) writeReport(rows);
  process.exit(0);
}

function writeReport(rows: Row[]) {
  const cpus = os.cpus();
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    `Machine: ${cpus.length} cores (${cpus[0]?.model ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Mesh: ${SIZE.domains.toLocaleString("en")} domains, ${SIZE.products.toLocaleString("en")} data products of 20 fields, ${SIZE.auditEvents.toLocaleString("en")} audit events (plus the demo seed).`,
    "",
    "| area | metric | value | target |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.area} | ${r.metric} | ${r.value} | ${r.target ?? ""} |`),
    "",
    "Reading the http rows: 50 clients each send their next request as soon as the last one is answered, on the",
    "same 2 cores as the portal and PostgreSQL, so latency ≈ 50 ÷ throughput. The two floor rows are pages that do",
    "(almost) nothing under the same load; a portal page cannot be faster than they are on this machine.",
    "",
  ];
  writeFileSync(path.join(REPO_ROOT, "docs", "benchmarks.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
