// The authorization matrix: every server action and API route × every principal (anonymous, a consumer,
// the product domain's owner and producer, a producer of ANOTHER domain, an admin, governance, an
// executive), against the expectations of authorization-table.ts. The real authorize/requireUser code
// runs; only the session lookup (auth()), Next's request-bound helpers (redirect, revalidatePath) and
// next-auth's own endpoints are replaced. Denied calls must be permission failures that change no row.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { dropTestRoles } from "@/tests/provisioning-fixtures";
import { AUTHORIZATION_TABLE, METRICS_TOKEN } from "./authorization-table";
import { changedTables, fingerprint } from "./db-fingerprint";
import { discover, inlineServerActionFiles } from "./discover";
import { callAction, callRoute, ROOT, state } from "./harness";
import { buildWorld, PRINCIPALS, type World } from "./world";

vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));

process.env.METRICS_TOKEN = METRICS_TOKEN;

let world: World;
const tally = { cases: 0, calls: 0 };

beforeAll(async () => {
  world = await buildWorld();
}, 300_000);

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
  console.log(`[authorization matrix] ${tally.cases} cases, ${tally.calls} calls (${PRINCIPALS.length} principals each)`);
});

describe("authorization table coverage", () => {
  it("has an entry for every server action and API route on disk, and none for one that is gone", async () => {
    const discovered = await discover(ROOT);
    const listed = new Set(AUTHORIZATION_TABLE.map((c) => c.target));
    const missing = discovered.filter((d) => !listed.has(d.target)).map((d) => d.target);
    const stale = [...listed].filter((t) => !discovered.some((d) => d.target === t));
    expect(missing, "server actions / routes without an entry in tests/reliability/authorization-table.ts").toEqual([]);
    expect(stale, "table entries whose action or route no longer exists").toEqual([]);
    // Sanity: the scan sees the portal (so an empty result cannot pass silently).
    expect(discovered.filter((d) => d.kind === "action").length).toBeGreaterThan(30);
    expect(discovered.filter((d) => d.kind === "route").length).toBeGreaterThan(10);
  });

  it('notices a changed row (so "nothing changed" can fail)', async () => {
    const before = await fingerprint();
    await db.domain.update({ where: { slug: world.otherDomain }, data: { description: `touched ${Date.now()}` } });
    expect(changedTables(before, await fingerprint())).toEqual(["domains"]);
  });

  it("finds no inline server actions (they would escape the scan)", () => {
    expect(inlineServerActionFiles(ROOT)).toEqual([]);
  });
});

describe("authorization matrix", () => {
  for (const c of AUTHORIZATION_TABLE) {
    it(`${c.target} — ${c.name}`, async () => {
      tally.cases++;
      const ctx = c.setup ? await c.setup(world) : undefined;
      // Refusals first, on the untouched state; then the principals who may change it.
      const order = [...PRINCIPALS].sort((a, b) => (c.expect[a] === "deny" ? 0 : 1) - (c.expect[b] === "deny" ? 0 : 1));
      const problems: string[] = [];
      for (const who of order) {
        tally.calls++;
        const user = world.users[who];
        state.session = user ? { uid: user.id } : null;
        const expected = c.expect[who];
        const before = expected === "deny" ? await fingerprint() : null;
        const seen =
          c.kind === "action"
            ? await callAction(c.target, await c.form(ctx, who, world))
            : await callRoute(c.target, await c.request(ctx, who, world));
        if (seen.outcome !== expected) {
          problems.push(`${who}: expected ${expected}, got ${seen.outcome} (${seen.detail})`);
          continue;
        }
        if (before) {
          const changed = changedTables(before, await fingerprint());
          if (changed.length > 0) problems.push(`${who}: denied, yet rows changed in ${changed.join(", ")}`);
        } else if (c.strict && !seen.success) {
          problems.push(`${who}: allowed but did not succeed (${seen.detail})`);
        }
      }
      state.session = null;
      expect(problems).toEqual([]);
    });
  }
});
