// A portal process doing one large CSV load, for crash.rel.test.ts to kill mid-COPY:
//   node --import tsx --conditions=react-server tests/reliability/ingest-child.ts <userId> <domain> <product>
// The CSV is generated as it streams (millions of rows: the load is still copying when the test kills
// this process).
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { DomainRoleName, RoleName } from "@/lib/auth/permissions";
import { ingestCsv } from "@/lib/ingestion/ingest";

const ROWS = 20_000_000;

function* csv(): Generator<string> {
  yield "id,amount\n";
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    chunk += `row-${i},${i % 1000}.5\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

async function main() {
  const [userId, domain, name] = process.argv.slice(2);
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, roles: true, memberships: { select: { role: true, domain: { select: { slug: true } } } } },
  });
  const user: CurrentUser = {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles as RoleName[],
    domains: Object.fromEntries(u.memberships.map((m) => [m.domain.slug, m.role as DomainRoleName])),
  };
  console.log("[ingest-child] loading");
  const result = await ingestCsv(user, { domain, name, environment: "staging" }, Readable.from(csv()));
  console.log(`[ingest-child] finished ${result.status}`);
  process.exit(0);
}

main().catch((e) => {
  console.error("[ingest-child] failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
