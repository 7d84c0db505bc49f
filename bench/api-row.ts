// Only the API rows of `npm run bench` on a scratch database of its own with the demo seed and a generated
// mesh: `tsx --conditions=react-server bench/api-row.ts [--products 10000] [--quick] [--port 3460]`.
// It serves the build in NEXT_DIST_DIR (default .next) as it is: build first (`next build`).
import { generateMesh } from "./mesh";
import { apiSection } from "./api";
import { arg, withSeededScratch } from "./scratch";

async function main() {
  await withSeededScratch("api", async (url) => {
    const products = Number(arg("products") ?? 10_000);
    await generateMesh(url, { domains: Math.max(10, Math.round(products / 100)), products, auditEvents: 1000 });
    const rows = await apiSection(url, { quick: process.argv.includes("--quick"), port: arg("port") ? Number(arg("port")) : undefined });
    for (const r of rows) console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
  });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
