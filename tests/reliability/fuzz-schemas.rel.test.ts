// Property-based fuzzing of every zod schema and form reader the server trusts to turn outside input
// into typed values. Each schema gets arbitrary values AND valid examples with one part replaced by
// something hostile; the answer must be a parse result (never a throw), every refusal must carry a
// message, and nothing may write onto Object.prototype.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { productSpecSchema, formDataToSpec } from "@/lib/products/schema";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { domainSchema, memberSchema } from "@/lib/domains/schema";
import { decideAccessSchema, rateProductSchema, requestAccessSchema, revokeAccessSchema } from "@/lib/consumers/schema";
import { processingTemplateInputSchema, templateInputSchema } from "@/lib/platform/schema";
import { platformDocumentSchema } from "@/lib/platform/platform-yaml";
import { DEFAULT_PLATFORM_YAML } from "@/lib/platform/default-platform";
import { costModelSchema } from "@/lib/metrics/cost-model";
import { stageSchema } from "@/lib/metrics/rollout";
import { parseRange } from "@/lib/metrics/period";
import { confirmSchema, environmentSchema, jobIdSchema, productRefSchema } from "@/lib/provisioning/schema";
import {
  domainPolicyDocumentSchema,
  domainPolicySchema,
  domainPolicySpecSchema,
  globalPolicyDocumentSchema,
  globalPolicySchema,
  policyOverridesSchema,
} from "@/lib/governance/policies/schema";
import { domainSpecFromForm, globalSpecFromForm } from "@/lib/governance/policies/form";
import { parseDomainPolicyInput, parseGlobalPolicyInput } from "@/lib/governance/policies/input";
import { parseAuditQuery } from "@/lib/audit/query";
import { parseSearchParams, toPrefixTsQuery } from "@/lib/products/search-query";
import { parse as parseYaml } from "yaml";
import { anyString, anyValue, prototypePolluted, tally } from "./adversarial";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const seedYaml = (name: string) =>
  parseYaml(readFileSync(path.join(ROOT, "prisma", "seed", "policies", name), "utf8")) as Record<string, unknown>;
const GLOBAL_DOC = seedYaml("global.yaml");
const DOMAIN_DOC = seedYaml("sales.yaml");
const GLOBAL = (GLOBAL_DOC.spec ?? {}) as Record<string, unknown>;

const runs = tally();
afterAll(() => {
  console.log(`[fuzz-schemas] ${runs.total()} inputs: ${JSON.stringify(runs.counts)}`);
});

/** A valid example with the value at one random path replaced by a hostile one (or a hostile key added). */
function mutated(example: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (p.length > 0) paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(example, []);
  if (paths.length === 0) return anyValue;
  return fc.tuple(fc.constantFrom(...paths), anyValue, fc.constantFrom("replace", "delete", "addKey")).map(([p, value, how]) => {
    const copy = structuredClone(example) as Record<string | number, unknown>;
    let node = copy;
    for (const seg of p.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
    const last = p[p.length - 1];
    if (how === "delete") delete node[last];
    else if (how === "addKey" && !Array.isArray(node))
      Object.defineProperty(node, "__proto__", { value, enumerable: true, configurable: true, writable: true });
    else node[last] = value;
    return copy;
  });
}

function checkSchema(name: string, schema: z.ZodType, examples: fc.Arbitrary<unknown>, numRuns: number) {
  fc.assert(
    fc.property(fc.oneof(anyValue, examples, examples.chain(mutated)), (input) => {
      const r = schema.safeParse(input);
      if (!r.success) {
        expect(r.error.issues.length).toBeGreaterThan(0);
        for (const issue of r.error.issues) expect(typeof issue.message === "string" && issue.message.length > 0).toBe(true);
      }
    }),
    { numRuns },
  );
  runs.add(name, numRuns);
}

const uuid = "0b9d6c1e-3f43-4e4f-9c52-4a1e8d0c7f11";
const EXAMPLES: Record<string, [z.ZodType, fc.Arbitrary<unknown>, number]> = {
  productSpecSchema: [productSpecSchema, specArb, 2000],
  domainSchema: [
    domainSchema,
    fc.constant({ slug: "sales", name: "Sales", description: "", ownerTeam: "sales@company.com", status: "onboarded" }),
    500,
  ],
  memberSchema: [memberSchema, fc.constant({ email: "a@company.com", role: "viewer" }), 300],
  requestAccessSchema: [requestAccessSchema, fc.constant({ productId: uuid, purpose: "Quarterly churn analysis" }), 300],
  decideAccessSchema: [decideAccessSchema, fc.constant({ requestId: uuid, decision: "approve", note: "" }), 300],
  revokeAccessSchema: [revokeAccessSchema, fc.constant({ requestId: uuid, note: "No longer needed" }), 300],
  rateProductSchema: [rateProductSchema, fc.constant({ productId: uuid, score: "4", review: "Good" }), 300],
  templateInputSchema: [
    templateInputSchema,
    fc.constant({
      key: "batch",
      name: "Batch",
      description: "",
      storage: "data_lake",
      processing: "spark",
      serving: "rest_api",
      governance: "standard",
      processingTemplate: "etl",
      processingSettings: "schedule: daily",
      classification: "internal",
      availability: "99",
      latencyMs: "100",
      freshnessMinutes: "60",
      tags: "a, b",
    }),
    500,
  ],
  processingTemplateInputSchema: [
    processingTemplateInputSchema,
    fc.constant({ key: "etl-hourly", name: "Hourly", description: "", config: "extract: {}\ntransform: {}\nload: {}\nschedule: hourly" }),
    500,
  ],
  platformDocumentSchema: [platformDocumentSchema, fc.constant(parseYaml(DEFAULT_PLATFORM_YAML)), 500],
  costModelSchema: [
    costModelSchema,
    fc.constant({ currency: "EUR", centralBaselineMonthly: "1000", templateMonthly: { batch_analytics: "100" } }),
    300,
  ],
  stageSchema: [stageSchema, fc.constant({ slug: "sales", stage: "pilot" }), 200],
  productRefSchema: [productRefSchema, fc.constant({ domain: "sales", name: "orders" }), 200],
  environmentSchema: [environmentSchema, fc.constant("staging"), 100],
  confirmSchema: [confirmSchema, fc.constant("on"), 100],
  jobIdSchema: [jobIdSchema, fc.constant(uuid), 100],
  globalPolicySchema: [globalPolicySchema, fc.constant(GLOBAL), 1000],
  policyOverridesSchema: [
    policyOverridesSchema,
    fc.constant({ data_quality: [{ metric: "completeness", threshold: "95%", enforcement: "warning" }] }),
    300,
  ],
  domainPolicySpecSchema: [domainPolicySpecSchema, fc.constant(DOMAIN_DOC.spec), 500],
  domainPolicySchema: [domainPolicySchema, fc.constant({ domain: "sales", ...(DOMAIN_DOC.spec as object) }), 300],
  globalPolicyDocumentSchema: [globalPolicyDocumentSchema, fc.constant(GLOBAL_DOC), 500],
  domainPolicyDocumentSchema: [domainPolicyDocumentSchema, fc.constant(DOMAIN_DOC), 300],
};

describe("zod schemas under fuzzing", () => {
  for (const [name, [schema, examples, numRuns]] of Object.entries(EXAMPLES)) {
    it(`${name} parses or refuses with messages, never throws`, () => checkSchema(name, schema, examples, numRuns));
  }
});

// What a browser can send: any field names, any text, repeated keys.
const formFields = (names: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), anyString), anyString), { maxLength: 25 }).map((pairs) => {
    const fd = new FormData();
    for (const [k, v] of pairs) fd.append(k, v);
    return fd;
  });

const SPEC_FIELDS = [
  "name",
  "domain",
  "owner",
  "version",
  "description",
  "classification",
  "schemaJson",
  "slo.availability",
  "slo.latencyMs",
  "slo.freshnessMinutes",
  "accessJson",
  "lineage.sources",
  "lineage.transformations",
  "tags",
  "governanceJson",
  "templateJson",
];
const POLICY_FIELDS = [
  "data_retention",
  "access_model",
  "quality_requirements.completeness",
  "quality_requirements.accuracy",
  "quality_requirements.freshness",
  "data_classificationJson",
  "access_controlJson",
  "data_qualityJson",
  "complianceJson",
  "locked",
  "domain_overrides_allowed",
  "overridesJson",
];

describe("form readers under fuzzing", () => {
  it("formDataToSpec + productSpecSchema: any form becomes a spec or field errors", () => {
    const numRuns = 1500;
    fc.assert(
      fc.property(formFields(SPEC_FIELDS), (fd) => {
        const r = productSpecSchema.safeParse(formDataToSpec(fd));
        if (!r.success) expect(r.error.issues.every((i) => i.message.length > 0)).toBe(true);
      }),
      { numRuns },
    );
    runs.add("formDataToSpec", numRuns);
  });

  it("policy forms (global and domain) become a policy or issues", () => {
    const numRuns = 1500;
    const parsedGlobal = globalPolicySchema.parse(GLOBAL);
    fc.assert(
      fc.property(formFields(POLICY_FIELDS), (fd) => {
        const g = parseGlobalPolicyInput({ spec: globalSpecFromForm(fd) });
        const d = parseDomainPolicyInput("sales", { spec: domainSpecFromForm(fd) }, parsedGlobal);
        for (const r of [g, d]) if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns },
    );
    runs.add("policy forms", numRuns);
  });
});

describe("query parsers under fuzzing", () => {
  const params = (names: string[]) =>
    fc.dictionary(fc.oneof(fc.constantFrom(...names), anyString), fc.oneof(anyString, fc.array(anyString, { maxLength: 3 })), {
      maxKeys: 10,
    });

  it("parseSearchParams always yields a bounded query, and its text never reaches tsquery syntax", () => {
    const numRuns = 2000;
    fc.assert(
      fc.property(params(["q", "domain", "classification", "lifecycle", "owner", "sort", "page", "pageSize"]), (p) => {
        const q = parseSearchParams(p);
        expect(q.page).toBeGreaterThanOrEqual(1);
        expect(q.page).toBeLessThanOrEqual(10_000);
        expect(q.pageSize).toBeGreaterThanOrEqual(1);
        expect(q.pageSize).toBeLessThanOrEqual(100);
        expect([...(q.q ?? "")].length).toBeLessThanOrEqual(200); // zod counts code points
        const ts = toPrefixTsQuery(q.q);
        if (ts !== null) expect(ts).toMatch(/^[\p{L}\p{N}]+:\*( & [\p{L}\p{N}]+:\*)*$/u);
      }),
      { numRuns },
    );
    runs.add("parseSearchParams", numRuns);
  });

  it("parseAuditQuery returns filters or field errors, never throws", () => {
    const numRuns = 1500;
    fc.assert(
      fc.property(params(["subject", "resource", "action", "decision", "from", "to", "before", "after"]), (p) => {
        const r = parseAuditQuery(p);
        expect(typeof r.errors).toBe("object");
      }),
      { numRuns },
    );
    runs.add("parseAuditQuery", numRuns);
  });

  it("parseRange always yields a valid range of at most 731 days ending no later than today", () => {
    const numRuns = 1500;
    const today = new Date("2026-06-15T12:00:00Z");
    fc.assert(
      fc.property(params(["range", "from", "to"]), (p) => {
        const r = parseRange(p, today);
        expect(r.from <= r.to).toBe(true);
        expect(r.to <= "2026-06-15").toBe(true);
        expect(r.days).toBeGreaterThanOrEqual(1);
        expect(r.days).toBeLessThanOrEqual(731);
      }),
      { numRuns },
    );
    runs.add("parseRange", numRuns);
  });
});

// The failures the fuzzers found, pinned so they stay fixed whatever the random seed.
describe("regressions found by fuzzing", () => {
  it("parseRange: a preset named like an Object.prototype member falls back to 90 days (it threw RangeError)", () => {
    for (const range of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(parseRange({ range }, new Date("2026-06-15T12:00:00Z"))).toMatchObject({ preset: "90d", days: 90, to: "2026-06-15" });
    }
  });

  it("parseSearchParams: control characters (NUL made PostgreSQL fail the query) become spaces", () => {
    expect(parseSearchParams({ q: "a\u0000b", owner: "team\u0000@x" })).toMatchObject({ q: "a b", owner: "team @x" });
    expect(parseSearchParams({ q: "\u0000\u0007" }).q).toBe("");
  });
});

describe("prototype pollution", () => {
  it("no fuzzed input wrote onto Object.prototype", () => {
    expect(prototypePolluted()).toBe(false);
  });
});
