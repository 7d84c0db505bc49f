import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CUSTOMER_DATA_PRODUCT, generatedProducts } from "@/prisma/seed/products";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { toOdcs, toOdcsYaml } from "@/lib/products/odcs";
import { parseProductYaml } from "@/lib/products/yaml";

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

describe("the contract fixture written by another tool", () => {
  // lib/products/contract/read-document.test.ts imports it; this says it is what real tools write.
  it("is itself a valid ODCS contract", () => {
    expectValidOdcs(parse(readFileSync(path.join(__dirname, "__fixtures__/seller-payments.odcs.yaml"), "utf8")));
  });
});
