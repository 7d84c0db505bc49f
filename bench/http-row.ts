// Only the http rows of `npm run bench`, on a mesh generated before (nothing is created or dropped):
// `tsx --conditions=react-server bench/http-row.ts --url <database> [--seconds 30] [--rounds 3] [--port 3450] [--connections 50]`.
// It serves the build in NEXT_DIST_DIR (default .next) as it is: build first (`next build`).
import { httpSection } from "./http";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const url = arg("url");
  if (!url) throw new Error("--url <database with a generated mesh> is required");
  const rows = await httpSection(url, {
    seconds: Number(arg("seconds") ?? 30),
    rounds: Number(arg("rounds") ?? 3),
    port: arg("port") ? Number(arg("port")) : undefined,
    connections: arg("connections") ? Number(arg("connections")) : undefined,
    build: false,
  });
  for (const r of rows) console.log(`[bench] ${r.area} · ${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ""}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
