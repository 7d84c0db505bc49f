// Governance speed: validating products against their effective policies (pure rules, and end to end
// through the database: read, validate, store), and enforcement decisions (the pure engine, and
// enforce() with its audit write). Figures only; the runner formats them.
import type { AccessRequest } from "@/lib/governance/enforcement/decide";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import type { DataProductSpec } from "@/lib/products/types";
import { ms, summarize } from "./stats";
import type { Row } from "./sections";

const LEVELS = ["public", "internal", "confidential", "restricted"] as const;
const ROLES = ["data_consumer", "data_producer", "data_admin", "data-analyst"];

async function seedPolicies(): Promise<{ global: GlobalPolicy; domains: DomainPolicy[] }> {
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { parseGlobalPolicyYaml, parseDomainPolicyYaml, domainPolicyFromDocument } = await import("@/lib/governance/policies/yaml");
  const read = (f: string) => readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", f), "utf8");
  const g = parseGlobalPolicyYaml(read("global.yaml"));
  if (!g.ok) throw new Error("seed global policy is invalid");
  const domains = ["sales", "marketing", "finance"].map((slug) => {
    const d = parseDomainPolicyYaml(read(`${slug}.yaml`));
    if (!d.ok) throw new Error(`seed ${slug} policy is invalid`);
    return domainPolicyFromDocument(d.value);
  });
  return { global: g.value.spec, domains };
}

/** A varied product: 20 fields (some personal data), every classification, grants that pass and fail. */
function generatedSpec(i: number, domain: string): DataProductSpec {
  const pii = i % 3 === 0;
  return {
    name: `bench-${i}`,
    domain,
    owner: `${domain}@bench.local`,
    version: "1.0.0",
    description: "Generated for the validation benchmark",
    classification: LEVELS[i % 4],
    schema: Array.from({ length: 20 }, (_, f) => ({
      name: f === 3 ? "email" : f === 7 ? "customer_name" : `field_${f}`,
      type: "string" as const,
      description: `Field ${f}`,
      required: f === 0,
      pii: pii && (f === 3 || f === 7),
    })),
    slo: { availability: [99, 99.5, 99.9][i % 3], latencyMs: 200, freshnessMinutes: [15, 60, 240, 1440][i % 4] },
    access: [{ role: ROLES[i % 4], permissions: i % 5 === 0 ? ["read", "write"] : ["read"] }],
    lineage: { sources: ["erp"], transformations: ["cleaning"] },
    tags: [],
    governance: {
      encryption: i % 7 !== 0,
      retention: ["1_year", "3_years", "10_years"][i % 3],
      ...(i % 6 === 0 ? {} : { purpose: "Benchmark", erasure: true }),
    },
  };
}

export type ValidationBench = {
  products: number;
  pure: { productsPerSecond: number; findings: number; ms: number };
  database: { products: number; productsPerSecond: number; ms: number } | null;
};

/**
 * Validates `products` generated products (over 40 domains, 3 of them with the seed's domain policies)
 * against their effective policies, merged once per domain. With a database URL, also re-validates up to
 * `products` stored products of the benchmark mesh through revalidateProducts (a re-validation run, as the worker processes it).
 */
export async function benchValidation(url?: string, products = 10_000): Promise<ValidationBench> {
  const { effectivePolicy } = await import("@/lib/governance/policies/merge");
  const { validateProduct } = await import("@/lib/governance/compliance/rules");
  const { global, domains } = await seedPolicies();
  const domainNames = Array.from({ length: 40 }, (_, i) => (i < 3 ? domains[i].domain : `bench-domain-${i}`));
  const specs = Array.from({ length: products }, (_, i) => generatedSpec(i, domainNames[i % domainNames.length]));
  const scores = { completeness: 97, accuracy: 98.5, consistency: 99.2 };

  // Warm-up, then the measured pass.
  for (let i = 0; i < 200; i++) validateProduct(specs[i], effectivePolicy(global, domains[i % 3]).policy, { qualityScores: scores });
  const start = performance.now();
  const cache = new Map<string, ReturnType<typeof effectivePolicy>["policy"]>();
  let findings = 0;
  for (const spec of specs) {
    let policy = cache.get(spec.domain);
    if (!policy) {
      policy = effectivePolicy(global, domains.find((d) => d.domain === spec.domain) ?? null).policy;
      cache.set(spec.domain, policy);
    }
    findings += validateProduct(spec, policy, { qualityScores: scores }).length;
  }
  const pureMs = performance.now() - start;

  let database: ValidationBench["database"] = null;
  if (url) {
    process.env.DATABASE_URL = url;
    const { db } = await import("@/lib/db");
    const { revalidateProducts } = await import("@/lib/governance/revalidation/process-run.db");
    // Whole domains of the generated mesh until `products` are covered.
    const counts = await db.$queryRaw<{ slug: string; n: bigint }[]>`
      SELECT d.slug, count(*) AS n FROM data_products p JOIN domains d ON d.id = p.domain_id
      WHERE d.slug LIKE 'mesh-%' AND p.lifecycle <> 'retired' GROUP BY d.slug ORDER BY d.slug`;
    const chosen: string[] = [];
    let covered = 0;
    for (const c of counts) {
      if (covered >= products) break;
      chosen.push(c.slug);
      covered += Number(c.n);
    }
    const s = performance.now();
    let validated = 0;
    for (const slug of chosen) validated += (await revalidateProducts({ domain: slug, trigger: "manual" })).validated;
    const dbMs = performance.now() - s;
    database = { products: validated, productsPerSecond: validated / (dbMs / 1000), ms: dbMs };
  }
  return { products, pure: { productsPerSecond: products / (pureMs / 1000), findings, ms: pureMs }, database };
}

export type EnforceBench = {
  decide: { n: number; p50: number; p99: number; perSecond: number };
  enforce: { n: number; p50: number; p99: number } | null;
};

/**
 * p50/p99 of the pure decision over `decisions` requests against the compiled seed policies, and, with a
 * database URL, of enforce() including its audit write (`withAudit` calls, one after another).
 */
export async function benchEnforce(url?: string, decisions = 100_000, withAudit = 2_000): Promise<EnforceBench> {
  const { compilePolicies, decide } = await import("@/lib/governance/enforcement/decide");
  const { global, domains } = await seedPolicies();
  const compiled = compilePolicies(global, domains);
  const actions = ["read", "read", "read", "write", "delete", "export"];
  const requests = Array.from({ length: 1_000 }, (_, i): AccessRequest => ({
    action: actions[i % actions.length],
    subject: { id: `user-${i}`, roles: [ROLES[i % 3]], domainRoles: i % 4 === 0 ? { sales: "owner" } : {} },
    resource: {
      type: "data_product",
      id: `p-${i}`,
      domain: ["sales", "marketing", "finance", "operations"][i % 4],
      classification: LEVELS[i % 4],
    },
  }));
  for (let i = 0; i < 10_000; i++) decide(requests[i % requests.length], compiled);
  // Each decision timed on its own with the nanosecond clock; the clock's own cost (tens of ns) is
  // included, so the figures are an upper bound.
  const samples: number[] = new Array(decisions);
  const started = performance.now();
  for (let i = 0; i < decisions; i++) {
    const s = process.hrtime.bigint();
    decide(requests[i % requests.length], compiled);
    samples[i] = Number(process.hrtime.bigint() - s) / 1e6;
  }
  const total = performance.now() - started;
  const d = summarize(samples);

  let enforceStats: EnforceBench["enforce"] = null;
  if (url) {
    process.env.DATABASE_URL = url;
    const { enforce } = await import("@/lib/governance/enforcement/enforce.db");
    const principal = {
      id: "00000000-0000-0000-0000-000000000000",
      email: "bench@bench.local",
      roles: ["data_consumer" as const],
      domains: {},
    };
    for (let i = 0; i < 50; i++) await enforce(principal, "read", { type: "data_product", id: `warm-${i}`, classification: "internal" });
    const times: number[] = [];
    for (let i = 0; i < withAudit; i++) {
      const s = performance.now();
      await enforce(principal, "read", { type: "data_product", id: `p-${i}`, domain: "sales", classification: LEVELS[i % 4] });
      times.push(performance.now() - s);
    }
    const e = summarize(times);
    enforceStats = { n: e.n, p50: e.p50, p99: e.p99 };
  }
  return { decide: { n: decisions, p50: d.p50, p99: d.p99, perSecond: decisions / (total / 1000) }, enforce: enforceStats };
}

/** Both benchmarks as rows for the runner (`extraSections.push(governanceSection)` in bench/sections.ts). */
export async function governanceSection(url: string, opts: { quick: boolean }): Promise<Row[]> {
  const v = await benchValidation(url, opts.quick ? 2_000 : 10_000);
  const e = await benchEnforce(url, opts.quick ? 20_000 : 100_000, opts.quick ? 500 : 2_000);
  const us = (n: number) => `${(n * 1000).toFixed(2)} µs`;
  return [
    {
      area: "governance",
      metric: `validate ${v.products} generated products (rules only), products/s`,
      value: v.pure.productsPerSecond.toFixed(0),
    },
    ...(v.database
      ? [
          {
            area: "governance",
            metric: `re-validate ${v.database.products} stored products (read, validate, store), products/s`,
            value: v.database.productsPerSecond.toFixed(0),
          },
        ]
      : []),
    { area: "governance", metric: `decide p50 / p99 (${e.decide.n} decisions)`, value: `${us(e.decide.p50)} / ${us(e.decide.p99)}` },
    ...(e.enforce
      ? [
          {
            area: "governance",
            metric: `enforce() with audit write p50 / p99 (${e.enforce.n} calls)`,
            value: `${ms(e.enforce.p50)} / ${ms(e.enforce.p99)}`,
          },
        ]
      : []),
  ];
}
