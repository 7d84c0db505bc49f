import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { checkVersionChange, diffSpecs, needsBreakingReason, requiredBump } from "@/lib/products/diff";
import type { DataProductSpec, ProductField } from "@/lib/products/types";

const field = (name: string, extra: Partial<ProductField> = {}): ProductField => ({
  name,
  type: "string",
  description: `The ${name}`,
  required: false,
  pii: false,
  ...extra,
});

const base: DataProductSpec = {
  name: "customer-data-product",
  domain: "sales",
  owner: "sales-team@company.com",
  version: "1.0.0",
  description: "Customer data product for sales analytics",
  classification: "internal",
  schema: [
    field("customer_id", { required: true }),
    field("customer_name"),
    field("email", { pii: true }),
    field("created_at", { type: "timestamp" }),
  ],
  slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
  access: [
    { role: "data-analyst", permissions: ["read"] },
    { role: "data-scientist", permissions: ["read", "write"] },
  ],
  lineage: { sources: ["crm-system"], transformations: ["data-cleaning"] },
  tags: ["customers"],
};

function withSchema(schema: ProductField[]): DataProductSpec {
  return { ...base, schema };
}

describe("diffSpecs", () => {
  it("finds nothing between a spec and itself, whatever the version says", () => {
    expect(diffSpecs(base, { ...base, version: "9.9.9" })).toEqual([]);
    fc.assert(
      fc.property(specArb, (spec) => diffSpecs(spec, structuredClone(spec)).length === 0),
      { numRuns: 200 },
    );
  });

  it("field_added (not breaking)", () => {
    const added = field("phone");
    expect(diffSpecs(base, withSchema([...base.schema, added]))).toEqual([
      { kind: "field_added", path: "schema.phone", before: undefined, after: added, breaking: false, description: "Adding field phone" },
    ]);
  });

  it("field_removed (breaking)", () => {
    expect(diffSpecs(base, withSchema(base.schema.filter((f) => f.name !== "email")))).toEqual([
      {
        kind: "field_removed",
        path: "schema.email",
        before: base.schema[2],
        after: undefined,
        breaking: true,
        description: "Removing field email",
      },
    ]);
  });

  it("field_type_changed (breaking)", () => {
    const schema = base.schema.map((f) => (f.name === "created_at" ? { ...f, type: "date" as const } : f));
    expect(diffSpecs(base, withSchema(schema))).toEqual([
      {
        kind: "field_type_changed",
        path: "schema.created_at.type",
        before: "timestamp",
        after: "date",
        breaking: true,
        description: "Changing the type of field created_at from timestamp to date",
      },
    ]);
  });

  it("field_made_required (breaking) and field_made_optional (not)", () => {
    const schema = base.schema.map((f) =>
      f.name === "email" ? { ...f, required: true } : f.name === "customer_id" ? { ...f, required: false } : f,
    );
    expect(diffSpecs(base, withSchema(schema))).toEqual([
      {
        kind: "field_made_optional",
        path: "schema.customer_id.required",
        before: true,
        after: false,
        breaking: false,
        description: "Making field customer_id optional",
      },
      {
        kind: "field_made_required",
        path: "schema.email.required",
        before: false,
        after: true,
        breaking: true,
        description: "Making field email required",
      },
    ]);
  });

  it("field_description_changed and field_pii_changed (not breaking)", () => {
    const schema = base.schema.map((f) => (f.name === "customer_name" ? { ...f, description: "Full name", pii: true } : f));
    expect(diffSpecs(base, withSchema(schema))).toEqual([
      {
        kind: "field_description_changed",
        path: "schema.customer_name.description",
        before: "The customer_name",
        after: "Full name",
        breaking: false,
        description: "Changing the description of field customer_name",
      },
      {
        kind: "field_pii_changed",
        path: "schema.customer_name.pii",
        before: false,
        after: true,
        breaking: false,
        description: "Marking field customer_name as personal data",
      },
    ]);
  });

  it("field_moved only for fields whose relative order changed, not for those shifted by an insertion", () => {
    const [id, name, email, created] = base.schema;
    expect(diffSpecs(base, withSchema([id, created, name, email]))).toEqual([
      {
        kind: "field_moved",
        path: "schema.created_at",
        before: 3,
        after: 1,
        breaking: false,
        description: "Moving field created_at from position 4 to 2",
      },
    ]);
    expect(diffSpecs(base, withSchema([field("phone"), id, name, email, created])).map((c) => c.kind)).toEqual(["field_added"]);
  });

  it("treats a rename as a removal plus an addition", () => {
    const schema = base.schema.map((f) => (f.name === "email" ? { ...f, name: "email_address" } : f));
    expect(diffSpecs(base, withSchema(schema)).map((c) => [c.kind, c.path, c.breaking])).toEqual([
      ["field_removed", "schema.email", true],
      ["field_added", "schema.email_address", false],
    ]);
  });

  it("slo_changed, per objective (not breaking)", () => {
    expect(diffSpecs(base, { ...base, slo: { ...base.slo, availability: 99, freshnessMinutes: 240 } })).toEqual([
      {
        kind: "slo_changed",
        path: "slo.availability",
        before: 99.9,
        after: 99,
        breaking: false,
        description: "Changing availability from 99.9% to 99%",
      },
      {
        kind: "slo_changed",
        path: "slo.freshnessMinutes",
        before: 60,
        after: 240,
        breaking: false,
        description: "Changing freshness from 60 minutes to 240 minutes",
      },
    ]);
  });

  it("access_changed: breaking only when a role loses read", () => {
    const access = [
      { role: "data-scientist", permissions: ["write", "read", "manage"] },
      { role: "auditor", permissions: ["read"] },
    ] as DataProductSpec["access"];
    expect(diffSpecs(base, { ...base, access })).toEqual([
      {
        kind: "access_changed",
        path: "access.data-analyst",
        before: ["read"],
        after: [],
        breaking: true,
        description: "Removing read access for role data-analyst",
      },
      {
        kind: "access_changed",
        path: "access.data-scientist",
        before: ["read", "write"],
        after: ["write", "read", "manage"],
        breaking: false,
        description: "Changing the permissions of role data-scientist from read, write to write, read, manage",
      },
      {
        kind: "access_changed",
        path: "access.auditor",
        before: [],
        after: ["read"],
        breaking: false,
        description: "Granting role auditor read",
      },
    ]);
    const writeOnly = [base.access[0], { role: "data-scientist", permissions: ["write"] }] as DataProductSpec["access"];
    expect(diffSpecs(base, { ...base, access: writeOnly })[0]).toMatchObject({ path: "access.data-scientist", breaking: true });
  });

  it("ignores a reordering of permissions, tags or lineage entries", () => {
    const reordered = {
      ...base,
      access: [base.access[0], { role: "data-scientist", permissions: ["write", "read"] }] as DataProductSpec["access"],
    };
    expect(diffSpecs(base, reordered)).toEqual([]);
  });

  it("lineage_changed", () => {
    expect(diffSpecs(base, { ...base, lineage: { ...base.lineage, sources: ["crm-system", "erp"] } })).toEqual([
      {
        kind: "lineage_changed",
        path: "lineage.sources",
        before: ["crm-system"],
        after: ["crm-system", "erp"],
        breaking: false,
        description: "Changing the lineage sources to crm-system, erp",
      },
    ]);
  });

  it("metadata_changed, classification_changed and governance_changed", () => {
    const after: DataProductSpec = {
      ...base,
      owner: "crm@company.com",
      description: "Customers",
      tags: ["crm"],
      classification: "confidential",
      governance: { retention: "3_years" },
      template: { key: "batch_analytics", version: 2 },
    };
    expect(diffSpecs(base, after).map((c) => [c.kind, c.path, c.breaking])).toEqual([
      ["metadata_changed", "owner", false],
      ["metadata_changed", "description", false],
      ["metadata_changed", "tags", false],
      ["metadata_changed", "template", false],
      ["classification_changed", "classification", false],
      ["governance_changed", "governance.retention", false],
    ]);
  });

  it("a new name or domain breaks every consumer's reference", () => {
    expect(diffSpecs(base, { ...base, name: "customers" })).toEqual([
      {
        kind: "metadata_changed",
        path: "name",
        before: "customer-data-product",
        after: "customers",
        breaking: true,
        description: "Renaming the product from customer-data-product to customers",
      },
    ]);
  });
});

describe("requiredBump", () => {
  const removeEmail = withSchema(base.schema.filter((f) => f.name !== "email"));

  it("asks for major on a breaking change from 1.x, minor while 0.x", () => {
    expect(requiredBump(base, removeEmail)).toBe("major");
    expect(requiredBump({ ...base, version: "0.4.2" }, removeEmail)).toBe("minor");
  });

  it("asks for patch for compatible changes and nothing when nothing changed", () => {
    expect(requiredBump(base, { ...base, description: "New words" })).toBe("patch");
    expect(requiredBump(base, { ...base })).toBeNull();
  });
});

describe("checkVersionChange", () => {
  const removeEmail = diffSpecs(base, withSchema(base.schema.filter((f) => f.name !== "email")));
  const compatible = diffSpecs(base, { ...base, description: "New words" });

  it("needs the new version to be greater", () => {
    expect(checkVersionChange("1.0.0", "1.0.0", compatible)).toEqual({
      ok: false,
      message: "Version must be greater than 1.0.0: 1.0.1 or higher",
    });
    expect(checkVersionChange("1.2.0", "1.1.9", [])).toEqual({ ok: false, message: "Version must be greater than 1.2.0: 1.2.1 or higher" });
    expect(checkVersionChange("1.0.0", "1.0.1", compatible)).toEqual({ ok: true });
  });

  it("says which version a breaking change needs, and why", () => {
    expect(checkVersionChange("1.4.2", "1.5.0", removeEmail)).toEqual({
      ok: false,
      message: "Removing field email is a breaking change: version must be 2.0.0 or higher",
    });
    expect(checkVersionChange("1.4.2", "2.0.0", removeEmail)).toEqual({ ok: true });
    expect(checkVersionChange("1.4.2", "3.1.0", removeEmail)).toEqual({ ok: true });
  });

  it("follows semver's 0.x rule: a minor bump is enough before 1.0.0", () => {
    expect(checkVersionChange("0.2.3", "0.2.4", removeEmail)).toEqual({
      ok: false,
      message:
        "Removing field email is a breaking change: version must be 0.3.0 or higher (before 1.0.0 a breaking change needs at least a new minor version)",
    });
    expect(checkVersionChange("0.2.3", "0.3.0", removeEmail)).toEqual({ ok: true });
    expect(checkVersionChange("0.2.3", "1.0.0", removeEmail)).toEqual({ ok: true });
  });

  it("accepts a pre-release of the required version", () => {
    expect(checkVersionChange("1.4.2", "2.0.0-rc.1", removeEmail)).toEqual({ ok: true });
    expect(checkVersionChange("2.0.0-rc.1", "2.0.0-rc.2", removeEmail)).toEqual({ ok: true });
  });

  it("names the first breaking change and counts the others", () => {
    const after = {
      ...base,
      schema: base.schema.filter((f) => f.name !== "email").map((f) => (f.name === "created_at" ? { ...f, type: "date" as const } : f)),
      access: [base.access[1]],
    };
    const changes = diffSpecs(base, after);
    expect(checkVersionChange("1.0.0", "1.1.0", changes)).toEqual({
      ok: false,
      message: "Removing field email and 2 other changes are breaking: version must be 2.0.0 or higher",
    });
  });

  it("describes each kind of breaking change in words", () => {
    const message = (after: DataProductSpec) => {
      const result = checkVersionChange("1.0.0", "1.0.1", diffSpecs(base, after));
      return result.ok ? "" : result.message.split(":")[0];
    };
    expect(message(withSchema(base.schema.map((f) => ({ ...f, required: f.name === "email" || f.required }))))).toBe(
      "Making field email required is a breaking change",
    );
    expect(message({ ...base, access: [base.access[1]] })).toBe("Removing read access for role data-analyst is a breaking change");
  });

  it("rejects a version that is not semver", () => {
    expect(checkVersionChange("1.0.0", "2.0", [])).toEqual({ ok: false, message: "Version must look like 1.2.3" });
  });
});

describe("needsBreakingReason", () => {
  const removeEmail = diffSpecs(base, withSchema(base.schema.filter((f) => f.name !== "email")));
  const compatible = diffSpecs(base, { ...base, description: "New words" });

  it("asks for a reason for a breaking change or a new major of a published product, and only then", () => {
    expect(needsBreakingReason({ immutable: true, from: "1.4.2", to: "2.0.0", changes: removeEmail })).toBe(true);
    expect(needsBreakingReason({ immutable: true, from: "1.4.2", to: "2.0.0", changes: compatible })).toBe(true);
    expect(needsBreakingReason({ immutable: true, from: "0.3.0", to: "0.4.0", changes: removeEmail })).toBe(true);
    expect(needsBreakingReason({ immutable: true, from: "1.4.2", to: "1.5.0", changes: compatible })).toBe(false);
    expect(needsBreakingReason({ immutable: false, from: "1.4.2", to: "2.0.0", changes: removeEmail })).toBe(false);
  });
});
