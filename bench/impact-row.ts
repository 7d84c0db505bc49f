// Only the impact-preview rows of `npm run bench`, on a mesh of its own:
// `tsx --conditions=react-server bench/impact-row.ts [--products 100000]` (default 100,000; the full bench's size),
// or `... bench/impact-row.ts --url <database> [--compare]` to measure a mesh generated before (nothing is
// created or dropped); --compare times the old full-spec preview against the current one.
import { createScratchDatabase, ensureDatabase } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { generateMesh } from "./mesh";
import { policyImpactRows } from "./policies";

const arg = process.argv.indexOf("--products");
const products = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;

const urlArg = process.argv.indexOf("--url");
const compare = process.argv.includes("--compare");

/**
 * `--compare`: the preview as it was before stored rule inputs (every full spec through Prisma, each
 * product validated on its own) and the current one, alternately, so both see the same machine load.
 */
async function compareWithFullSpecPath(url: string) {
  process.env.DATABASE_URL = url;
  const { db } = await import("@/lib/db");
  const { previewImpact } = await import("@/lib/governance/impact/preview-impact.db");
  const { computeImpact } = await import("@/lib/governance/impact/compute-impact");
  const { effectivePolicy } = await import("@/lib/governance/policies/merge");
  const { latestQualityScores } = await import("@/lib/governance/compliance/validate-products.db");
  type G = import("@/lib/governance/policies/types").GlobalPolicy;
  const global = (await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { spec: true } })).spec as unknown as G;
  const candidate = { ...global, quality_requirements: { ...global.quality_requirements, freshness: "15_minutes" } };
  const old = async () => {
    const rows = await db.dataProduct.findMany({
      where: { lifecycle: { not: "retired" } },
      select: { id: true, name: true, lifecycle: true, spec: true, domain: { select: { slug: true } } },
    });
    const scores = await latestQualityScores(rows.map((r) => r.id));
    const products = rows.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain.slug,
      lifecycle: r.lifecycle,
      spec: r.spec as never,
      scores: scores.get(r.id),
    }));
    const domainRows = await db.policy.findMany({ where: { scope: "domain" }, select: { spec: true, domain: { select: { slug: true } } } });
    const domains = new Map(
      domainRows.flatMap((r) => (r.domain ? [[r.domain.slug, { ...(r.spec as object), domain: r.domain.slug } as never] as const] : [])),
    );
    return computeImpact(
      products,
      (d) => effectivePolicy(global, domains.get(d) ?? null).policy,
      (d) => effectivePolicy(candidate, domains.get(d) ?? null).policy,
    );
  };
  for (let round = 0; round < (process.argv.includes("--once") ? 1 : 3); round++) {
    let s = performance.now();
    const a = await old();
    const oldMs = performance.now() - s;
    s = performance.now();
    const b = await previewImpact({ scope: "global", spec: candidate });
    const newMs = performance.now() - s;
    console.log(
      `[bench] compare round ${round + 1}: full-spec path ${oldMs.toFixed(0)} ms (${a.checked} products, ${a.affectedCount} affected) · rule-inputs path ${newMs.toFixed(0)} ms (${b.checked} products, ${b.affectedCount} affected)`,
    );
  }
}

async function report(url: string) {
  for (const r of await policyImpactRows(url, { quick: false }))
    console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
}

async function main() {
  if (urlArg > 0) {
    if (compare) await compareWithFullSpecPath(process.argv[urlArg + 1]);
    else await report(process.argv[urlArg + 1]);
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
