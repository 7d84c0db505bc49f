import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CUSTOMER_DATA_PRODUCT, generatedProducts } from "@/prisma/seed/products";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { IMPORT_SLO_DEFAULTS, parseOdcs, toOdcs, toOdcsYaml } from "@/lib/products/odcs";
import { parseProductYaml } from "@/lib/products/yaml";
import type { DataProductSpec } from "@/lib/products/types";

// The official schema declares draft 2019-09; upstream CI validates examples with the same Ajv class and formats.
const ODCS_SCHEMA = JSON.parse(readFileSync(path.join(__dirname, "__fixtures__/odcs-json-schema-v3.1.0.json"), "utf8"));
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validateOdcs = ajv.compile(ODCS_SCHEMA);

function expectValidOdcs(doc: unknown) {
  const valid = validateOdcs(doc);
  expect(validateOdcs.errors ?? [], JSON.stringify(validateOdcs.errors)).toEqual([]);
  expect(valid).toBe(true);
}

const seedYaml = readFileSync(path.join(__dirname, "__fixtures__/customer-data-product.yaml"), "utf8");
const seedParsed = parseProductYaml(seedYaml);
const SEED_SPEC = seedParsed.ok ? seedParsed.spec : (undefined as never);
const PROPERTY_RUNS = 300;

describe("toOdcs", () => {
  it("is checked by a validator that does reject invalid contracts", () => {
    expect(ODCS_SCHEMA.$schema).toBe("https://json-schema.org/draft/2019-09/schema");
    const doc = toOdcs(SEED_SPEC);
    expect(validateOdcs({ ...doc, status: undefined })).toBe(false);
    expect(validateOdcs({ ...doc, roles: [{ role: "x", acces: "read" }] })).toBe(false);
  });

  it("writes a valid ODCS v3.1.0 contract for the seed's product and every database seed product", () => {
    for (const spec of [SEED_SPEC, CUSTOMER_DATA_PRODUCT, ...generatedProducts().map((p) => p.spec)]) expectValidOdcs(toOdcs(spec));
  });

  it(`writes a valid ODCS v3.1.0 contract for every valid spec (${PROPERTY_RUNS} generated specs)`, () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expectValidOdcs(toOdcs(spec));
        expectValidOdcs(parse(toOdcsYaml(spec)));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("maps the seed's product onto ODCS slots", () => {
    const doc = toOdcs(CUSTOMER_DATA_PRODUCT, { lifecycle: "published" });
    expect(doc).toMatchObject({
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id: "sales.customer-data-product",
      name: "customer-data-product",
      version: "1.0.0",
      status: "active",
      domain: "sales",
      description: { purpose: "Customer data product for sales analytics" },
      tags: ["customers", "crm"],
      team: { members: [{ username: "sales-team@company.com", role: "owner" }] },
      slaProperties: [
        { property: "availability", value: 99.9, unit: "%" },
        { property: "latency", value: 1, unit: "h" },
        { property: "responseTime", value: 100, unit: "ms" },
      ],
      roles: [
        { role: "data-analyst", access: "read" },
        { role: "data-scientist", access: "read" },
        { role: "data-scientist", access: "write" },
      ],
    });
    const [table] = doc.schema as { properties: unknown[] }[];
    expect(table).toMatchObject({ name: "customer-data-product", logicalType: "object", physicalType: "table" });
    expect(table.properties[1]).toEqual({
      name: "customer_name",
      logicalType: "string",
      physicalType: "text",
      required: false,
      description: "Customer full name",
      tags: ["pii"],
      customProperties: [{ property: "pii", value: true }],
    });
  });

  it("uses the id and lifecycle it is given", () => {
    const doc = toOdcs(SEED_SPEC, { id: "5f0c6d1e-0000-4000-8000-000000000000", lifecycle: "in_review" });
    expect(doc).toMatchObject({ id: "5f0c6d1e-0000-4000-8000-000000000000", status: "proposed" });
  });
});

describe("parseOdcs round trip", () => {
  it("gives back the seed's product, from the object and from the YAML text", () => {
    expect(parseOdcs(toOdcs(CUSTOMER_DATA_PRODUCT))).toMatchObject({ ok: true, spec: CUSTOMER_DATA_PRODUCT, warnings: [] });
    expect(parseOdcs(toOdcsYaml(SEED_SPEC))).toMatchObject({ ok: true, spec: SEED_SPEC, warnings: [] });
  });

  it("returns the contract's id and lifecycle", () => {
    const result = parseOdcs(toOdcs(SEED_SPEC, { id: "abc", lifecycle: "deprecated" }));
    expect(result).toMatchObject({ ok: true, id: "abc", lifecycle: "deprecated" });
  });

  it(`is lossless for every valid spec (${PROPERTY_RUNS} generated specs)`, () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(parseOdcs(toOdcs(spec))).toEqual({ ok: true, spec, id: `${spec.domain}.${spec.name}`, lifecycle: "draft", warnings: [] });
        const fromText = parseOdcs(toOdcsYaml(spec));
        expect(fromText.ok && fromText.spec).toEqual(spec);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});

describe("parseOdcs of contracts written elsewhere", () => {
  const text = readFileSync(path.join(__dirname, "__fixtures__/seller-payments.odcs.yaml"), "utf8");

  it("is itself a valid ODCS contract (so the test reads what real tools write)", () => {
    expectValidOdcs(parse(text));
  });

  it("imports it with reasoned defaults and says what it assumed", () => {
    const result = parseOdcs(text);
    const expected: DataProductSpec = {
      name: "seller-payments",
      domain: "seller",
      owner: "daustin@example.com", // the team member whose role is Owner
      version: "1.1.0",
      description: "Views built on top of the seller tables.",
      classification: "restricted", // strictest property classification
      schema: [
        { name: "transaction_reference_date", type: "date", description: "Reference date for transaction", required: false, pii: false },
        { name: "rcvr_id", type: "string", description: "A description for column rcvr_id.", required: true, pii: false },
        { name: "rcvr_email", type: "string", description: "Email of the receiver", required: false, pii: true },
        { name: "amount", type: "number", description: "", required: true, pii: false },
        { name: "payload_json", type: "json", description: "", required: false, pii: false },
      ],
      // latency 4 d is the data's maximum age; no availability or responseTime → defaults.
      slo: { availability: IMPORT_SLO_DEFAULTS.availability, latencyMs: IMPORT_SLO_DEFAULTS.latencyMs, freshnessMinutes: 4 * 1440 },
      access: [
        { role: "microstrategy_user_opr", permissions: ["read"] },
        { role: "bq_unica_user_opr", permissions: ["write"] },
      ],
      lineage: { sources: ["table_name_1", "table_name_2"], transformations: [] },
      tags: ["transactions", "finance-ops"],
    };
    expect(result).toEqual({
      ok: true,
      spec: expected,
      id: "53581432-6c55-4ba2-a65f-72344a91553a",
      lifecycle: "published",
      warnings: [
        'Field "Payload JSON" was renamed to payload_json',
        'The name "Seller Payments" became seller-payments',
        "The contract has no availability SLA; availability was set to 99; please review it",
        "The contract has no responseTime SLA; latencyMs was set to 1000; please review it",
      ],
    });
  });

  it("falls back to frequency of update when there is no latency", () => {
    const doc = toOdcs(SEED_SPEC) as { slaProperties: unknown[] };
    const result = parseOdcs({ ...doc, slaProperties: [{ property: "frequency", value: 15, unit: "minutes" }] });
    expect(result.ok && result.spec.slo.freshnessMinutes).toBe(15);
  });

  it("uses the caller's domain and owner when the contract has none", () => {
    const { domain: _domain, team: _team, ...doc } = toOdcs(SEED_SPEC);
    expect(parseOdcs(doc)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        { path: "domain", message: "The contract names no domain; add domain or choose the domain to import into" },
        { path: "", message: "The contract names no owner; add a team member with role owner (an email address)" },
      ]),
    });
    expect(parseOdcs(doc, { domain: "sales", owner: "sales-team@company.com" })).toMatchObject({ ok: true, spec: SEED_SPEC });
  });

  it("reads the v3.1 team object as well as the deprecated array", () => {
    const doc = toOdcs(SEED_SPEC);
    const asArray = { ...doc, team: [{ username: "sales-team@company.com", role: "Owner" }] };
    expect(parseOdcs(asArray)).toMatchObject({ ok: true, spec: SEED_SPEC });
  });

  it("points errors at the contract's path and line", () => {
    const broken = toOdcsYaml(SEED_SPEC)
      .replace("version: 1.0.0", "version: one")
      .replace("username: sales-team@company.com", "username: sales team");
    const result = parseOdcs(broken);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "version", line: 5, message: "Version must look like 1.2.3 (or 1.2.3-beta.1 for a pre-release)" },
        { path: "team.members[0].username", line: expect.any(Number), message: "Owner must be an email address like team@company.com" },
      ],
    });
    if (!result.ok) expect(broken.split("\n")[result.errors[1].line! - 1]).toContain("username: sales team");
  });

  it("refuses contracts it cannot represent", () => {
    const doc = toOdcs(SEED_SPEC) as { schema: unknown[] };
    expect(parseOdcs({ ...doc, schema: [...doc.schema, { name: "other" }] })).toMatchObject({
      ok: false,
      errors: [{ path: "schema", message: "A data product holds one table, but the contract describes 2; import each table separately" }],
    });
    expect(parseOdcs({ ...doc, apiVersion: "v2.2.2" })).toMatchObject({ ok: false, errors: [{ path: "apiVersion" }] });
    expect(parseOdcs({ ...doc, roles: [{ role: "analyst", access: "superuser" }] })).toMatchObject({
      ok: false,
      errors: [{ path: "roles[0].access", message: "Access superuser is not one of read, write, delete, manage" }],
    });
    expect(parseOdcs("kind: [oops")).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });
});
