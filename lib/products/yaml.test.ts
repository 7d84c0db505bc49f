import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOMER_DATA_PRODUCT } from "@/prisma/seed/products";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { parseProductYaml, toProductYaml } from "@/lib/products/yaml";
import { formatSloDuration, parseSloDuration } from "@/lib/duration";
import type { DataProductSpec } from "@/lib/products/types";

// Copied verbatim from the seed (data-mesh-architecture.md, "Data Product Interface").
const SEED_YAML = readFileSync(path.join(__dirname, "__fixtures__/customer-data-product.yaml"), "utf8");

const SEED_SPEC: DataProductSpec = {
  name: "customer-data-product",
  domain: "sales",
  owner: "sales-team@company.com",
  version: "1.0.0",
  description: "Customer data product for sales analytics",
  classification: "internal", // default: the seed names none
  schema: [
    { name: "customer_id", type: "string", description: "Unique customer identifier", required: false, pii: false },
    { name: "customer_name", type: "string", description: "Customer full name", required: false, pii: false },
    { name: "email", type: "string", description: "Customer email address", required: false, pii: false },
    { name: "created_at", type: "timestamp", description: "Customer creation timestamp", required: false, pii: false },
  ],
  slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
  access: [
    { role: "data-analyst", permissions: ["read"] },
    { role: "data-scientist", permissions: ["read", "write"] },
  ],
  lineage: { sources: ["crm-system", "marketing-automation"], transformations: ["data-cleaning", "data-enrichment"] },
  tags: [],
};

function errorsOf(text: string) {
  const result = parseProductYaml(text);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseProductYaml", () => {
  it("reads the seed's customer-data-product exactly, with documented defaults for what it leaves out", () => {
    expect(parseProductYaml(SEED_YAML)).toEqual({ ok: true, spec: SEED_SPEC });
  });

  it("accepts a namespace with or without the -domain suffix", () => {
    const bare = SEED_YAML.replace("namespace: sales-domain", "namespace: sales");
    expect(parseProductYaml(bare)).toEqual({ ok: true, spec: SEED_SPEC });
  });

  it("takes classification from metadata.labels when spec has none", () => {
    const labelled = SEED_YAML.replace(
      "  namespace: sales-domain\n",
      "  namespace: sales-domain\n  labels:\n    classification: confidential\n",
    );
    const result = parseProductYaml(labelled);
    expect(result.ok && result.spec.classification).toBe("confidential");
  });

  it("reports YAML syntax errors with their line", () => {
    const errors = errorsOf("apiVersion: v1\nkind: DataProduct\nmetadata:\n  name: [broken\nspec: {}\n");
    expect(errors[0].line).toBe(5);
    expect(errors[0].message).toMatch(/^YAML syntax error: /);
  });

  it("reports a duplicated key and a second document in plain words", () => {
    expect(errorsOf("apiVersion: v1\napiVersion: v1\n")[0]).toMatchObject({
      line: 2,
      message: "YAML syntax error: A key appears twice in the same block",
    });
    expect(errorsOf(`${SEED_YAML}---\n${SEED_YAML}`)[0].message).toMatch(/more than one document/);
  });

  it("reports schema errors with the document path and the line of that node", () => {
    const broken = SEED_YAML.replace("type: timestamp", "type: datetime").replace('version: "1.0.0"', 'version: "1.0"');
    expect(errorsOf(broken)).toEqual([
      { path: "spec.version", line: 9, message: "Version must look like 1.2.3 (or 1.2.3-beta.1 for a pre-release)" },
      {
        path: "spec.schema[3].type",
        line: 24,
        message: "Field type must be one of string, integer, number, boolean, date, timestamp, json",
      },
    ]);
  });

  it("names the key the user wrote, not the model's property", () => {
    const broken = SEED_YAML.replace("name: customer-data-product", "name: Customer_Data").replace(
      'latency: "< 100ms"',
      'latency: "< 1.5ms"',
    );
    expect(errorsOf(broken)).toEqual([
      { path: "metadata.name", line: 5, message: expect.stringMatching(/^Name may only use/) },
      { path: "spec.slo.latency", line: 30, message: "Latency must be a whole number of milliseconds" },
    ]);
  });

  it("explains SLO text it cannot read", () => {
    const broken = SEED_YAML.replace('freshness: "< 1 hour"', "freshness: hourly").replace("availability: 99.9%", "availability: high");
    expect(errorsOf(broken)).toEqual([
      { path: "spec.slo.availability", line: 29, message: "Availability must be a percentage like 99.9%" },
      { path: "spec.slo.freshness", line: 31, message: 'Freshness must look like "< 1 hour" or "30 minutes"' },
    ]);
  });

  it("reports unknown keys so a typo is not silently ignored", () => {
    const typo = SEED_YAML.replace(
      '      type: string\n      description: "Customer full name"',
      '      type: string\n      requried: true\n      description: "Customer full name"',
    );
    expect(errorsOf(typo)).toEqual([
      {
        path: "spec.schema[1].requried",
        line: 19,
        message: "Unknown key requried; expected one of name, type, description, required, pii",
      },
    ]);
  });

  it("points a missing key at its parent", () => {
    const missing = SEED_YAML.replace("  owner: sales-team@company.com\n", "");
    expect(errorsOf(missing)).toEqual([{ path: "spec.owner", line: 7, message: "Owner is required" }]);
  });

  it("asks for quotes when YAML read the version as a number", () => {
    const unquoted = SEED_YAML.replace('version: "1.0.0"', "version: 1.0");
    expect(errorsOf(unquoted)).toEqual([
      { path: "spec.version", line: 9, message: 'Version must look like 1.2.3; write it in quotes, like "1.0.0"' },
    ]);
  });

  it("rejects other kinds of documents and empty text", () => {
    expect(errorsOf(SEED_YAML.replace("kind: DataProduct", "kind: DataContract"))).toEqual([
      { path: "kind", line: 3, message: "kind must be DataProduct" },
    ]);
    expect(errorsOf("")[0].message).toMatch(/must describe a data product/);
    expect(errorsOf("- a\n- b\n")[0].message).toMatch(/must describe a data product/);
  });
});

describe("toProductYaml", () => {
  it("writes the seed's layout and SLO text", () => {
    const text = toProductYaml(SEED_SPEC);
    expect(text).toContain("apiVersion: v1\nkind: DataProduct\nmetadata:\n  name: customer-data-product\n  namespace: sales-domain\n");
    expect(text).toContain('  version: "1.0.0"\n');
    expect(text).toContain('    availability: 99.9%\n    latency: "< 100ms"\n    freshness: "< 1 hour"\n');
    expect(text).toContain("    - role: data-scientist\n      permissions: [read, write]\n");
    expect(text).toContain("  classification: internal\n");
    expect(text).not.toContain("tags:");
  });

  it("round-trips the seed's example", () => {
    const spec = parseProductYaml(SEED_YAML);
    expect(spec.ok).toBe(true);
    if (spec.ok) expect(parseProductYaml(toProductYaml(spec.spec))).toEqual({ ok: true, spec: spec.spec });
  });

  it("round-trips the database seed's product with tags and governance", () => {
    expect(parseProductYaml(toProductYaml(CUSTOMER_DATA_PRODUCT))).toEqual({ ok: true, spec: CUSTOMER_DATA_PRODUCT });
  });

  it("round-trips every valid spec (property test)", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(parseProductYaml(toProductYaml(spec))).toEqual({ ok: true, spec });
      }),
      { numRuns: 300 },
    );
  });
});

describe("durations", () => {
  it.each([
    ["< 100ms", "ms", 100],
    ["100ms", "ms", 100],
    ["< 2 s", "ms", 2000],
    ["<2s", "ms", 2000],
    ["< 1 hour", "min", 60],
    ["< 4 hours", "min", 240],
    ["30 minutes", "min", 30],
    ["< 1 day", "min", 1440],
    ["< 1.5 hours", "min", 90],
    ["< 30 s", "min", 0.5],
    [250, "ms", 250],
  ] as const)("reads %j as %s %d", (input, base, expected) => {
    expect(parseSloDuration(input, base)).toBe(expected);
  });

  it.each(["fast", "< 1 fortnight", "", "-5 ms", "1,5 s"])("does not read %j", (input) => {
    expect(parseSloDuration(input, "ms")).toBeNull();
  });

  it.each([
    [100, "ms", "< 100ms"],
    [2000, "ms", "< 2s"],
    [60, "min", "< 1 hour"],
    [240, "min", "< 4 hours"],
    [90, "min", "< 90 minutes"],
    [1, "min", "< 1 minute"],
    [2880, "min", "< 2 days"],
  ] as const)("writes %d %s as %j, in the largest whole unit", (amount, base, expected) => {
    expect(formatSloDuration(amount, base)).toBe(expected);
  });
});
