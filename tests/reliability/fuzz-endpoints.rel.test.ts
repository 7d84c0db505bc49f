// Every server action and API route, fed damaged input by a user who is allowed to call it (so the input
// gets past authorization into validation and the services): form values swapped for hostile text,
// fields dropped, repeated or added, a NUL in each field in turn; query parameters, path segments and
// bodies damaged the same way. An action must answer with a state — never throw, never an unexpected
// error (what the user would see as "Something went wrong") — a route never with a 5xx, and a refusal
// must leave every table as it was.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopQueue } from "@/lib/jobs/queue";
import { ensureGlobalPolicy } from "@/prisma/seed/factories";
import { dropTestRoles } from "@/tests/provisioning-fixtures";
import { AUTHORIZATION_TABLE, type MatrixCase } from "./authorization-table";
import { anyString, tally } from "./adversarial";
import { changedTables, fingerprint } from "./db-fingerprint";
import { callAction, callRoute, state } from "./harness";
import { buildWorld, PRINCIPALS, type PrincipalKey, type World } from "./world";

vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));

// Refusals that keep a record on purpose: the publish gate stores the validation it refused on, so the
// owner sees the same findings on the compliance page (lib/governance/compliance/publish-gate.db.ts).
// Provisioning validates the product against governance first and stores that validation (with the
// product's compliance columns) before it finds, say, a job already running (lib/provisioning/build-request.ts).
const WRITES_ON_REFUSAL: Record<string, string[]> = {
  "app/(portal)/products/[domain]/[product]/actions.ts#moveLifecycleAction": ["data_products", "product_validations"],
  "app/(portal)/products/[domain]/[product]/deployments/actions.ts#provisionAction": ["data_products", "product_validations"],
  "app/(portal)/products/[domain]/[product]/deployments/actions.ts#promoteAction": ["data_products", "product_validations"],
  // A rejected upload is kept in the product's load history with its row errors (the Ingest page lists it).
  "app/api/ingest/[domain]/[product]/route.ts#POST": ["ingestion_loads"],
};

const RUNS_PER_CASE = 25;
const runs = tally();
let world: World;

beforeAll(async () => {
  world = await buildWorld();
}, 300_000);

afterAll(async () => {
  await ensureGlobalPolicy();
  await dropTestRoles();
  await stopQueue();
  console.log(`[fuzz-endpoints] ${runs.total()} calls: ${JSON.stringify(runs.counts)}`);
});

type Entry = [string, FormDataEntryValue];

/**
 * Damage to a valid form (which is only known at run time, so positions are fractions of its length):
 * hostile values, dropped / repeated / unknown fields.
 */
const formDamage: fc.Arbitrary<(valid: Entry[]) => Entry[]> = fc
  .array(
    fc.tuple(
      fc.constantFrom("replace", "drop", "repeat", "add"),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      anyString,
      fc.oneof(anyString, fc.constantFrom("__proto__", "constructor", "$ACTION_ID_x", "templateMonthly.__proto__")),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map(
    (edits) => (valid: Entry[]) =>
      edits.reduce<Entry[]>((es, [kind, pos, value, key]) => {
        const i = Math.floor(pos * es.length);
        if (kind === "replace" && es.length > 0) return es.map((e, j): Entry => (j === i ? [e[0], value] : e));
        if (kind === "drop") return es.filter((_, j) => j !== i);
        if (kind === "repeat" && es.length > 0) return [...es, [es[i][0], value]];
        return [...es, [key, value]];
      }, valid),
  );

const actionCases = AUTHORIZATION_TABLE.filter((c): c is Extract<MatrixCase, { kind: "action" }> => c.kind === "action");
const routeCases = AUTHORIZATION_TABLE.filter((c): c is Extract<MatrixCase, { kind: "route" }> => c.kind === "route");

/** Tables a refusal by `target` changed since `before`, less the documented exceptions. */
async function changedByRefusal(target: string, before: Record<string, string>): Promise<string[]> {
  return changedTables(before, await fingerprint()).filter((t) => !(WRITES_ON_REFUSAL[target] ?? []).includes(t));
}

/** One call; returns a problem description or null. */
async function probe(target: string, entries: Entry[]): Promise<string | null> {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  const before = await fingerprint();
  const seen = await callAction(target, fd);
  if (seen.outcome === "error") return `${JSON.stringify(entries).slice(0, 300)} → ${seen.detail.slice(0, 400)}`;
  if (seen.result?.ok === false) {
    const changed = await changedByRefusal(target, before);
    if (changed.length > 0) return `${JSON.stringify(entries).slice(0, 300)} → refused (${seen.detail}) yet changed ${changed.join(", ")}`;
  }
  return null;
}

/** Runs `fn` signed in as the first principal the case allows (an admin if none is), signed out after. */
async function asAllowed(c: MatrixCase, fn: (who: PrincipalKey) => Promise<void>): Promise<void> {
  const who = PRINCIPALS.find((p) => p !== "anonymous" && c.expect[p] === "allow") ?? "admin";
  state.session = { uid: world.users[who]!.id };
  try {
    await fn(who);
  } finally {
    state.session = null;
  }
}

describe("server actions: a NUL character in each field", () => {
  // PostgreSQL text cannot hold U+0000, so a NUL that reaches the database is a crash, not a refusal.
  for (const c of actionCases) {
    it(`${c.target} — ${c.name}`, async () => {
      const ctx = c.setup ? await c.setup(world) : undefined;
      const problems: string[] = [];
      await asAllowed(c, async (who) => {
        const fields = [...(await c.form(ctx, who, world)).keys()];
        for (let i = 0; i < fields.length; i++) {
          for (const poison of ["\u0000", "x\u0000y"]) {
            const valid = [...(await c.form(ctx, who, world)).entries()] as Entry[];
            const entries = valid.map((e, j): Entry => (j === i ? [e[0], typeof e[1] === "string" ? `${e[1]}${poison}` : e[1]] : e));
            const problem = await probe(c.target, entries);
            if (problem) problems.push(`field ${fields[i]}: ${problem}`);
            runs.add("NUL sweep", 1);
          }
        }
      });
      if (process.env.FUZZ_DUMP) for (const p of problems) console.error(`[fuzz-endpoints NUL] ${c.target}: ${p}`);
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});

describe("server actions under fuzzing", () => {
  for (const c of actionCases) {
    it(`${c.target} — ${c.name}`, async () => {
      const ctx = c.setup ? await c.setup(world) : undefined;
      const problems: string[] = [];
      await asAllowed(c, (who) =>
        fc.assert(
          fc.asyncProperty(formDamage, async (damage) => {
            // The valid form is rebuilt each run (lock versions, current policy versions move on).
            const entries = damage([...(await c.form(ctx, who, world)).entries()] as Entry[]);
            const problem = await probe(c.target, entries);
            if (problem) problems.push(problem);
          }),
          { numRuns: RUNS_PER_CASE },
        ),
      );
      runs.add(c.target.split("#")[1], RUNS_PER_CASE);
      if (process.env.FUZZ_DUMP) for (const p of problems) console.error(`[fuzz-endpoints] ${c.target}: ${p}`);
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});

/** Damage to a request: query values and path segments swapped or added, the body replaced. */
const requestDamage = fc.record({
  query: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          "q",
          "env",
          "limit",
          "offset",
          "format",
          "version",
          "scope",
          "domain",
          "chart",
          "range",
          "from",
          "to",
          "decision",
          "subject",
          "before",
          "after",
          "__proto__",
          "constructor",
        ),
        anyString,
      ),
      anyString,
    ),
    { maxLength: 4 },
  ),
  param: fc.option(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), anyString), { nil: undefined }),
  body: fc.option(
    fc.oneof(
      anyString,
      fc.constantFrom(
        "id,amount\n\u0000,1\n",
        'id,amount\n"unterminated',
        '[{"id":"\\u0000"}]',
        '{"__proto__":{"polluted":1}}',
        "[]",
        "null",
      ),
    ),
    { nil: undefined },
  ),
});

describe("API routes under fuzzing", () => {
  for (const c of routeCases) {
    it(`${c.target} — ${c.name}`, async () => {
      const ctx = c.setup ? await c.setup(world) : undefined;
      const problems: string[] = [];
      await asAllowed(c, (who) =>
        fc.assert(
          fc.asyncProperty(requestDamage, async ({ query, param, body }) => {
            const r = await c.request(ctx, who, world);
            const url = new URL(r.url);
            for (const [k, v] of query) if (k.isWellFormed() && v.isWellFormed()) url.searchParams.set(k, v);
            const params = { ...(r.params ?? {}) };
            if (param) {
              const keys = Object.keys(params);
              if (keys.length > 0) params[keys[Math.floor(param[0] * keys.length)]] = param[1];
            }
            const init = body !== undefined && r.init?.method === "POST" ? { ...r.init, body } : r.init;
            const before = await fingerprint();
            const seen = await callRoute(c.target, { url: url.toString(), init, params });
            const call = `${url.search} ${JSON.stringify(params)} ${JSON.stringify(body ?? "").slice(0, 80)}`;
            if (seen.outcome === "error") problems.push(`${call} → ${seen.detail}`);
            else if (seen.status !== undefined && seen.status >= 400) {
              const changed = await changedByRefusal(c.target, before);
              if (changed.length > 0) problems.push(`${call} → refused (${seen.detail}) yet changed ${changed.join(", ")}`);
            }
          }),
          { numRuns: 20 },
        ),
      );
      runs.add(`route ${c.target.replace(/^app\/api\//, "")}`, 20);
      if (process.env.FUZZ_DUMP) for (const p of problems) console.error(`[fuzz-endpoints route] ${c.target}: ${p}`);
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});
