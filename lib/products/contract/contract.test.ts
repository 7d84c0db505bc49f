// Property tests over generated full ODCS contracts, and the messy cases real contracts bring.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { odcsContractArb } from "../__fixtures__/odcs-arbitraries";
import { exportContract } from "./export";
import { normalizeContract } from "./normalize";
import { completeProjection } from "./project";
import { readContract } from "./read-contract";
import { contractRows } from "./rows";
import { odcsSchemaFor, schemaProblem } from "./validate";

const RUNS = 150;
const choices = { domain: "sales", owner: "owner@example.com" };
const valid = (doc: Record<string, unknown>) =>
  schemaProblem(odcsSchemaFor(doc.apiVersion), doc) === null || schemaProblem("odcs-v3.1.0", doc) === null;

describe("generated ODCS contracts", () => {
  it("are mostly valid against the official schema (the generators follow it)", () => {
    const docs = fc.sample(odcsContractArb, 200);
    expect(docs.filter(valid).length).toBeGreaterThan(150);
  });

  it(`import → export → import gives the same contract, and a valid spec (${RUNS} runs)`, { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(odcsContractArb, fc.boolean(), (doc, asYaml) => {
        fc.pre(valid(doc));
        const first = readContract(asYaml ? stringify(doc) : JSON.stringify(doc), choices);
        if (!first.ok) throw new Error(`refused a valid contract: ${JSON.stringify(first.errors)}`);
        const spec = completeProjection(first.projection);
        if (!spec.success) throw new Error(`projection not valid: ${JSON.stringify(spec.error.issues)}`);
        const exported = exportContract({ spec: spec.data, contract: first.contract, lifecycle: "draft" });
        expect(exported).toEqual(normalizeContract(doc));
        if (doc.apiVersion === "v3.1.0") expect(schemaProblem("odcs-v3.1.0", exported)).toBeNull();
        const again = readContract(stringify(exported), choices);
        if (!again.ok) throw new Error(JSON.stringify(again.errors));
        expect(again.contract).toEqual(exported);
        expect(completeProjection(again.projection).data).toEqual(spec.data);
      }),
      { numRuns: RUNS },
    );
  });
});

const base = { apiVersion: "v3.1.0", kind: "DataContract", id: "c1", version: "1.0.0", status: "active" };

describe("messy real-world contracts", () => {
  it("an owner that is a username is kept in the contract and asked for in the portal", () => {
    const read = readContract({ ...base, team: { members: [{ username: "jdoe", role: "owner" }] } }, { domain: "sales" });
    if (!read.ok) throw new Error("refused");
    expect(read.projection.missing).toEqual(["owner"]);
    expect(read.projection.declaredOwner).toBe("jdoe");
    expect(read.contract.team?.members?.[0].username).toBe("jdoe");
  });

  it("a contract with no table imports with no fields and says so", () => {
    const read = readContract(base, choices);
    if (!read.ok) throw new Error("refused");
    expect(completeProjection(read.projection).data?.schema).toEqual([]);
    expect(read.projection.notes.map((n) => n.path)).toContain("schema");
  });

  it("several tables and a table with no properties are all kept", () => {
    const doc = { ...base, schema: [{ name: "a", properties: [{ name: "x" }] }, { name: "b" }, { name: "c", properties: [] }] };
    const read = readContract(doc, choices);
    if (!read.ok) throw new Error("refused");
    expect(contractRows(read.contract).datasets.map((d) => [d.name, d.propertyCount])).toEqual([
      ["a", 1],
      ["b", 0],
      ["c", 0],
    ]);
    expect(completeProjection(read.projection).data?.schema.map((f) => f.name)).toEqual(["x"]);
  });

  it("restricted PII nested in an object stays restricted, and its column is personal data", () => {
    const doc = {
      ...base,
      schema: [
        {
          name: "t",
          properties: [
            { name: "customer", logicalType: "object", properties: [{ name: "ssn", classification: "restricted", tags: ["pii"] }] },
          ],
        },
      ],
    };
    const read = readContract(doc, choices);
    if (!read.ok) throw new Error("refused");
    const spec = completeProjection(read.projection).data;
    expect(spec?.classification).toBe("restricted");
    expect(spec?.schema[0]).toMatchObject({ name: "customer", type: "json", pii: true });
    const exported = exportContract({ spec: spec!, contract: read.contract, lifecycle: "draft" });
    expect(exported.schema?.[0].properties?.[0].properties?.[0].classification).toBe("restricted");
    expect(exported.customProperties).toBeUndefined(); // nothing invented: no classification, SLA or owner added
    expect(exported.slaProperties).toBeUndefined();
    expect(exported.team).toBeUndefined();
  });

  it("names the path and line of the first problem of an invalid contract", () => {
    const read = readContract(
      "apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\nservers:\n  - server: s\n    type: nosuchdb\n",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0]).toMatchObject({ path: "servers[0].type", line: 8 });
  });
});
