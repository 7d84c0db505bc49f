// Only the API rows of `npm run bench` on a scratch database of its own with the demo seed and a generated
// mesh: `tsx --conditions=react-server bench/api-row.ts [--products 10000] [--quick] [--port 3460]`.
// It serves the build in NEXT_DIST_DIR (default .next) as it is: build first (`next build`).
import pg from "pg";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { generateMesh } from "./mesh";
import { apiSection } from "./api";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error("DATABASE_URL (a server where a scratch database can be created) is required");
  const name = `meshport_bench_api_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    await migrateDeploy(url);
    await seedDemo({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" });
    const products = Number(arg("products") ?? 10_000);
    await generateMesh(url, { domains: Math.max(10, Math.round(products / 100)), products, auditEvents: 1000 });
    const rows = await apiSection(url, { quick: process.argv.includes("--quick"), port: arg("port") ? Number(arg("port")) : undefined });
    for (const r of rows) console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
