// `npm run db:seed`: applies the demo seed to DATABASE_URL (or the embedded database when unset).
import { ensureDatabase } from "../../scripts/embedded-db";

async function main() {
  const { url } = await ensureDatabase();
  process.env.DATABASE_URL = url;
  const { seedDemo } = await import("./demo");
  const started = Date.now();
  const result = await seedDemo();
  console.log(JSON.stringify({ msg: "seeded", ...result, ms: Date.now() - started }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
