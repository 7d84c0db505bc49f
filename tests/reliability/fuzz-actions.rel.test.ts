// Every server action, fed damaged forms by a user who is allowed to call it (so the input gets past
// authorization into validation and the services): values swapped for hostile text, fields dropped,
// repeated or added. An action must answer with a state — never throw, never an unexpected error (what
// the user would see as "Something went wrong") — and a refusal must leave every table as it was.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopQueue } from "@/lib/provisioning/queue";
import { ensureGlobalPolicy } from "@/prisma/seed/factories";
import { dropTestRoles } from "@/tests/provisioning-fixtures";
import { AUTHORIZATION_TABLE, type MatrixCase } from "./authorization-table";
import { anyString, tally } from "./adversarial";
import { changedTables, fingerprint } from "./db-fingerprint";
import { callAction, state } from "./harness";
import { buildWorld, PRINCIPALS, type PrincipalKey, type World } from "./world";

vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));

// Refusals that keep a record on purpose: the publish gate stores the validation it refused on, so the
// owner sees the same findings on the compliance page (lib/governance/publish-gate.ts).
const WRITES_ON_REFUSAL: Record<string, string[]> = {
  "app/(portal)/products/[domain]/[product]/actions.ts#moveLifecycleAction": ["data_products", "product_validations"],
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
  console.log(`[fuzz-actions] ${runs.total()} calls: ${JSON.stringify(runs.counts)}`);
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
  .map((edits) => (valid: Entry[]) =>
    edits.reduce<Entry[]>((es, [kind, pos, value, key]) => {
      const i = Math.floor(pos * es.length);
      if (kind === "replace" && es.length > 0) return es.map((e, j): Entry => (j === i ? [e[0], value] : e));
      if (kind === "drop") return es.filter((_, j) => j !== i);
      if (kind === "repeat" && es.length > 0) return [...es, [es[i][0], value]];
      return [...es, [key, value]];
    }, valid),
  );

const actionCases = AUTHORIZATION_TABLE.filter((c): c is Extract<MatrixCase, { kind: "action" }> => c.kind === "action");

describe("server actions under fuzzing", () => {
  for (const c of actionCases) {
    it(`${c.target} — ${c.name}`, async () => {
      const who = PRINCIPALS.find((p) => p !== "anonymous" && c.expect[p] === "allow") as PrincipalKey;
      const ctx = c.setup ? await c.setup(world) : undefined;
      state.session = { uid: world.users[who]!.id };
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(formDamage, async (damage) => {
          // The valid form is rebuilt each run (lock versions, current policy versions move on).
          const entries = damage([...(await c.form(ctx, who, world)).entries()] as Entry[]);
          const fd = new FormData();
          for (const [k, v] of entries) fd.append(k, v);
          const before = await fingerprint();
          const seen = await callAction(c.target, fd);
          if (seen.outcome === "error") problems.push(`${JSON.stringify(entries).slice(0, 300)} → ${seen.detail.slice(0, 400)}`);
          const refused = seen.result?.ok === false && state.errors.length > 0;
          if (refused) {
            const changed = changedTables(before, await fingerprint()).filter((t) => !(WRITES_ON_REFUSAL[c.target] ?? []).includes(t));
            if (changed.length > 0) problems.push(`${JSON.stringify(entries).slice(0, 300)} → refused (${seen.detail}) yet changed ${changed.join(", ")}`);
          }
        }),
        { numRuns: RUNS_PER_CASE },
      );
      state.session = null;
      runs.add(c.target.split("#")[1], RUNS_PER_CASE);
      if (process.env.FUZZ_DUMP) for (const p of problems) console.error(`[fuzz-actions] ${c.target}: ${p}`);
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});
