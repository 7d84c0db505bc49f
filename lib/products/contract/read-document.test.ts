// The import reader (readImportDocument: what the import page, REST API v1, the batch route and `meshport diff`
// read) on the portal's own exports and on a contract written by another tool.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { specArb } from "@/lib/products/__fixtures__/arbitraries";
import { IMPORT_SLO_DEFAULTS, POSTGRES_COLUMN_TYPES, toOdcs, toOdcsYaml } from "@/lib/products/odcs";
import { parseProductYaml } from "@/lib/products/yaml";
import type { DataProductSpec } from "@/lib/products/types";
import { completeProjection } from "./project";
import { readImportDocument } from "./read-document";

const FIXTURES = path.join(import.meta.dirname, "..", "__fixtures__");
const seed = parseProductYaml(readFileSync(path.join(FIXTURES, "customer-data-product.yaml"), "utf8"));
const SEED_SPEC = seed.ok ? seed.spec : (undefined as never);

/** The spec an import would store, with the column type the export wrote left out where it is the default one. */
function imported(document: string | object, choices: { domain?: string; owner?: string } = {}) {
  const read = readImportDocument(typeof document === "string" ? document : JSON.stringify(document), "auto", choices);
  if (!read.ok) return read;
  const checked = completeProjection(read.projection);
  const spec = checked.data && {
    ...checked.data,
    schema: checked.data.schema.map(({ physicalType, ...f }) =>
      physicalType === POSTGRES_COLUMN_TYPES[f.type] ? f : { ...f, physicalType },
    ),
  };
  return { ok: checked.success, spec, notes: read.projection.notes, missing: read.projection.missing };
}

describe("the portal's own ODCS export, imported again", () => {
  it("gives back the seed's product, from the object and from the YAML text, with nothing adapted", () => {
    expect(imported(toOdcs(SEED_SPEC))).toEqual({ ok: true, spec: SEED_SPEC, notes: [], missing: [] });
    expect(imported(toOdcsYaml(SEED_SPEC))).toEqual({ ok: true, spec: SEED_SPEC, notes: [], missing: [] });
  });

  it("is lossless for every valid spec (300 generated specs, YAML and JSON)", () => {
    fc.assert(
      fc.property(specArb, fc.boolean(), (spec: DataProductSpec, asYaml) => {
        const result = imported(asYaml ? toOdcsYaml(spec) : toOdcs(spec));
        expect(result.ok && "spec" in result && result.spec).toEqual(spec);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a contract written by another tool (ODCS v3.0.2)", () => {
  const text = readFileSync(path.join(FIXTURES, "seller-payments.odcs.yaml"), "utf8");

  it("imports with reasoned defaults and says what it assumed", () => {
    const result = imported(text);
    expect(result).toMatchObject({ ok: true, missing: [] });
    if (!("spec" in result)) throw new Error("not imported");
    expect(result.spec).toEqual({
      name: "seller-payments",
      domain: "seller",
      owner: "daustin@example.com", // the team member whose role is Owner
      version: "1.1.0",
      description: "Views built on top of the seller tables.",
      classification: "restricted", // the strictest property classification
      schema: [
        {
          name: "transaction_reference_date",
          type: "date",
          description: "Reference date for transaction",
          required: false,
          pii: false,
        },
        {
          name: "rcvr_id",
          type: "string",
          description: "A description for column rcvr_id.",
          required: true,
          pii: false,
          physicalType: "varchar(18)",
          primaryKey: true,
        },
        {
          name: "rcvr_email",
          type: "string",
          description: "Email of the receiver",
          required: false,
          pii: true,
          physicalType: "varchar(255)",
        },
        { name: "amount", type: "number", description: "", required: true, pii: false, physicalType: "decimal(12,2)" },
        { name: "payload_json", type: "json", description: "", required: false, pii: false },
      ],
      // latency 4 d is the data's maximum age; no availability or responseTime → the portal's defaults.
      slo: { availability: IMPORT_SLO_DEFAULTS.availability, latencyMs: IMPORT_SLO_DEFAULTS.latencyMs, freshnessMinutes: 4 * 1440 },
      access: [
        { role: "microstrategy_user_opr", permissions: ["read"] },
        { role: "bq_unica_user_opr", permissions: ["write"] },
      ],
      lineage: { sources: ["table_name_1", "table_name_2"], transformations: [] },
      tags: ["transactions", "finance-ops"],
    });
    expect(result.notes.map((n) => `${n.kind} ${n.path}: ${n.message}`)).toEqual([
      "adapted team: The v3.0 team list is stored in the v3.1 form team.members.",
      "adapted apiVersion: ODCS v3.0.2 is stored and exported as v3.1.0.",
      'adapted name: The product is called seller-payments in the portal (from "Seller Payments").',
      'adapted schema[0].properties[4].name: Column payload_json stands for property "Payload JSON" (the contract keeps the original name).',
      "portal-only slaProperties: No availability target is declared; the portal monitors 99 (not written to the contract).",
      "portal-only slaProperties: No latencyMs target is declared; the portal monitors 1000 (not written to the contract).",
    ]);
  });

  it("takes the frequency of update as the freshness when no latency is declared", () => {
    const doc = { ...toOdcs(SEED_SPEC), slaProperties: [{ property: "frequency", value: 15, unit: "minutes" }] };
    expect(imported(doc)).toMatchObject({ ok: true, spec: { slo: { freshnessMinutes: 15 } } });
  });

  it("asks for a domain and an owner the contract does not name, and uses the caller's", () => {
    const { domain: _domain, team: _team, ...doc } = toOdcs(SEED_SPEC);
    expect(imported(doc)).toMatchObject({ ok: false, missing: ["domain", "owner"] });
    expect(imported(doc, { domain: "sales", owner: "sales-team@company.com" })).toMatchObject({ ok: true, spec: SEED_SPEC });
  });

  it("reads the deprecated v3.0 team array as well as the v3.1 team object", () => {
    const asArray = { ...toOdcs(SEED_SPEC), team: [{ username: "sales-team@company.com", role: "Owner" }] };
    expect(imported(asArray)).toMatchObject({ ok: true, spec: SEED_SPEC });
  });

  it("points a syntax error at its line", () => {
    expect(imported("apiVersion: v3.1.0\nkind: [oops")).toMatchObject({ ok: false, errors: [{ line: 2 }] });
  });
});
