import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOMER_DATA_PRODUCT, generatedProducts } from "@/prisma/seed/products";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { formDataToSpec, productSpecSchema } from "@/lib/products/schema";
import { fieldErrors } from "@/lib/validation/field-errors";
import type { DataProductSpec } from "@/lib/products/types";

const valid: DataProductSpec = {
  name: "customer-data-product",
  domain: "sales",
  owner: "sales-team@company.com",
  version: "1.0.0",
  description: "Customer data product for sales analytics",
  classification: "internal",
  schema: [
    { name: "customer_id", type: "string", description: "Unique customer identifier", required: true, pii: false },
    { name: "email", type: "string", description: "Customer email address", required: false, pii: true },
  ],
  slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
  access: [
    { role: "data-analyst", permissions: ["read"] },
    { role: "data-scientist", permissions: ["read", "write"] },
  ],
  lineage: { sources: ["crm-system"], transformations: ["data-cleaning"] },
  tags: ["customers"],
};

function errorsFor(input: unknown): Record<string, string[]> {
  const result = productSpecSchema.safeParse(input);
  if (result.success) return {};
  return fieldErrors(result.error);
}

describe("productSpecSchema", () => {
  it("refuses two spellings of one database role, naming both on the later entry", () => {
    const access = [
      { role: "data_producer", permissions: ["read"] },
      { role: "data-analyst", permissions: ["read"] },
      { role: "data-producer", permissions: ["write"] },
    ];
    expect(errorsFor({ ...valid, access })).toEqual({
      "access.2.role": ["Roles data_producer and data-producer would be the same database role (data_producer); use one spelling"],
    });
    // Leading/trailing and doubled separators collapse too.
    expect(
      errorsFor({
        ...valid,
        access: [
          { role: "ops", permissions: ["read"] },
          { role: "ops_", permissions: ["read"] },
        ],
      })["access.1.role"]?.[0],
    ).toMatch(/ops and ops_ would be the same database role/);
    expect(
      errorsFor({
        ...valid,
        access: [
          { role: "a-b", permissions: ["read"] },
          { role: "a__b", permissions: ["read"] },
        ],
      })["access.1.role"],
    ).toHaveLength(1);
    expect(
      errorsFor({
        ...valid,
        access: [
          { role: "data-producer", permissions: ["read"] },
          { role: "data-consumer", permissions: ["read"] },
        ],
      }),
    ).toEqual({});
  });

  it.each(["xmin", "xmax", "cmin", "cmax", "ctid", "tableoid", "oid", "_loaded_at", "_row_id"])(
    "refuses the column name %s that every table already has",
    (name) => {
      const schema = [...valid.schema, { name, type: "string", description: "", required: false, pii: false }];
      expect(errorsFor({ ...valid, schema })).toEqual({
        "schema.2.name": [`Field name ${name} is reserved: every table already has a column of that name; choose another`],
      });
    },
  );

  it("refuses system column names in any case (the import path lowercases nothing for us)", () => {
    const schema = [{ name: "XMIN", type: "string", description: "", required: false, pii: false }];
    expect(errorsFor({ ...valid, schema })["schema.0.name"]).toContain(
      "Field name XMIN is reserved: every table already has a column of that name; choose another",
    );
    expect(errorsFor({ ...valid, schema: [{ ...valid.schema[0], name: "xmin_at" }] })).toEqual({});
  });

  it("accepts the seed's customer product and returns it unchanged", () => {
    expect(productSpecSchema.parse(valid)).toEqual(valid);
  });

  it("accepts every product the database seed registers", () => {
    for (const spec of [CUSTOMER_DATA_PRODUCT, ...generatedProducts().map((p) => p.spec)]) {
      expect(errorsFor(spec), spec.name).toEqual({});
    }
  });

  it("accepts every spec the test generators build (they mirror the constraints)", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(productSpecSchema.parse(spec)).toEqual(spec);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      "name",
      { name: "Customer Data" },
      "Name may only use lowercase letters, digits and hyphens, and must start and end with a letter or digit",
    ],
    ["name", { name: "a".repeat(64) }, "Name must be at most 63 characters"],
    ["name", { name: "-sales" }, "Name may only use lowercase letters, digits and hyphens, and must start and end with a letter or digit"],
    ["domain", { domain: "" }, "Domain is required"],
    ["owner", { owner: "sales team" }, "Owner must be an email address like team@company.com"],
    ["version", { version: "1.0" }, "Version must look like 1.2.3 (or 1.2.3-beta.1 for a pre-release)"],
    ["description", { description: "   " }, "Description is required"],
    ["description", { description: "x".repeat(2001) }, "Description must be at most 2000 characters"],
    ["classification", { classification: "secret" }, "Classification must be one of public, internal, confidential, restricted"],
    ["schema", { schema: [] }, "Add at least one field"],
    ["slo.availability", { slo: { ...valid.slo, availability: 100.1 } }, "Availability must be between 0 and 100 percent"],
    ["slo.latencyMs", { slo: { ...valid.slo, latencyMs: 0 } }, "Latency must be more than 0 milliseconds"],
    ["slo.freshnessMinutes", { slo: { ...valid.slo, freshnessMinutes: 1.5 } }, "Freshness must be a whole number of minutes"],
    ["tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "Use at most 20 tags"],
    ["tags.0", { tags: ["Sales"] }, "Tags may only use lowercase letters, digits, hyphens and underscores"],
    ["tags.1", { tags: ["a", "a"] }, "Tag a is listed twice"],
  ])("reports %s in plain words", (key, patch, message) => {
    expect(errorsFor({ ...valid, ...patch })[key]).toEqual([message]);
  });

  it("accepts availability at both ends of 0–100", () => {
    expect(errorsFor({ ...valid, slo: { ...valid.slo, availability: 100 } })).toEqual({});
    expect(errorsFor({ ...valid, slo: { ...valid.slo, availability: 0 } })).toEqual({});
  });

  it("points at the exact field row, including repeated names", () => {
    const schema = [
      ...valid.schema,
      { name: "Email", type: "text", description: "", required: "no", pii: false },
      { name: "email", type: "string", description: "again", required: false, pii: false },
    ];
    expect(errorsFor({ ...valid, schema })).toEqual({
      "schema.2.name": ["Field name may only use lowercase letters, digits and underscores, and must not start with a digit"],
      "schema.2.type": ["Field type must be one of string, integer, number, boolean, date, timestamp, json"],
      "schema.2.required": ["Required must be yes or no (true or false)"],
      "schema.3.name": ["Field name email is used more than once"],
    });
  });

  it("limits field names to what PostgreSQL accepts unquoted and a schema to 500 fields", () => {
    const field = (name: string) => ({ name, type: "string", description: "", required: false, pii: false });
    expect(errorsFor({ ...valid, schema: [field("1st")] })["schema.0.name"]).toBeDefined();
    expect(errorsFor({ ...valid, schema: [field("a".repeat(64))] })["schema.0.name"]).toEqual(["Field name must be at most 63 characters"]);
    expect(errorsFor({ ...valid, schema: Array.from({ length: 500 }, (_, i) => field(`f${i}`)) })).toEqual({});
    expect(errorsFor({ ...valid, schema: Array.from({ length: 501 }, (_, i) => field(`f${i}`)) }).schema).toEqual([
      "A product can have at most 500 fields",
    ]);
  });

  it("checks roles and permissions", () => {
    const access = [
      { role: "data-analyst", permissions: [] },
      { role: "Data Analyst", permissions: ["read", "read", "own"] },
      { role: "data-analyst", permissions: ["write"] },
    ];
    expect(errorsFor({ ...valid, access })).toEqual({
      "access.0.permissions": ["Choose at least one permission"],
      "access.1.role": ["Role may only use lowercase letters, digits, hyphens and underscores, and must start with a letter"],
      "access.1.permissions.1": ["Permission read is listed twice"],
      "access.1.permissions.2": ["Permissions may only be read, write, delete, manage"],
      "access.2.role": ["Role data-analyst is listed twice; put all its permissions in one entry"],
    });
  });

  it("keeps lineage entries representable in the comma/newline separated form input", () => {
    expect(errorsFor({ ...valid, lineage: { sources: ["a,b"], transformations: [" padded"] } })).toEqual({
      "lineage.sources.0": ["Lineage entries cannot contain commas or line breaks"],
      "lineage.transformations.0": ["Lineage entries cannot start or end with spaces"],
    });
  });

  it("checks governance declarations with the policies' duration spelling", () => {
    expect(errorsFor({ ...valid, governance: { retention: "3_years", encryption: true } })).toEqual({});
    expect(errorsFor({ ...valid, governance: { retention: "3 years" } })["governance.retention"]).toEqual([
      "Retention must look like 90_days, 6_months or 3_years",
    ]);
  });

  it("says what is missing rather than what type it expected", () => {
    const errors = errorsFor({});
    expect(errors.name).toEqual(["Name is required"]);
    expect(errors.slo).toEqual(["Service levels are required"]);
    expect(errors.tags).toEqual(["Tags are required"]);
  });
});

describe("formDataToSpec", () => {
  function form(entries: Record<string, string>): FormData {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) data.append(key, value);
    return data;
  }

  const filled = {
    name: " customer-data-product ",
    domain: "sales",
    owner: "sales-team@company.com",
    version: "1.0.0",
    description: "Customer data product for sales analytics",
    classification: "internal",
    "slo.availability": "99.9",
    "slo.latencyMs": "100",
    "slo.freshnessMinutes": "60",
    tags: "customers, ",
    "lineage.sources": "crm-system",
    "lineage.transformations": "data-cleaning\r\n",
    schemaJson: JSON.stringify(valid.schema),
    accessJson: JSON.stringify(valid.access),
  };

  it("reads the registration form into a spec the schema accepts", () => {
    expect(productSpecSchema.parse(formDataToSpec(form(filled)))).toEqual(valid);
  });

  it("splits lineage on newlines or commas and tags on commas", () => {
    const spec = formDataToSpec(form({ ...filled, tags: "a,b , c", "lineage.sources": "crm, erp\nweb\r\n\nlake" }));
    expect(spec.tags).toEqual(["a", "b", "c"]);
    expect(spec.lineage).toEqual({ sources: ["crm", "erp", "web", "lake"], transformations: ["data-cleaning"] });
  });

  it("leaves empty numbers undefined so the message says they are required", () => {
    const errors = fieldErrors(
      productSpecSchema.safeParse(formDataToSpec(form({ ...filled, "slo.latencyMs": "", "slo.availability": "abc" }))).error!,
    );
    expect(errors["slo.latencyMs"]).toEqual(["Latency is required"]);
    expect(errors["slo.availability"]).toEqual(["Availability must be a number"]);
  });

  it("reports a broken hidden JSON input instead of throwing", () => {
    const errors = fieldErrors(productSpecSchema.safeParse(formDataToSpec(form({ ...filled, schemaJson: "[{" }))).error!);
    expect(errors.schema).toEqual(["Schema must be a list"]);
  });

  it("reads optional governance and template JSON", () => {
    const spec = formDataToSpec(
      form({ ...filled, governanceJson: '{"encryption":true}', templateJson: '{"key":"batch_analytics","version":1}' }),
    );
    expect(productSpecSchema.parse(spec)).toEqual({
      ...valid,
      governance: { encryption: true },
      template: { key: "batch_analytics", version: 1 },
    });
  });
});
