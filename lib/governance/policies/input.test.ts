import { describe, expect, it } from "vitest";
import { fixtureText, seedGlobal } from "../__fixtures__/seed";
import { issuesToFieldErrors, parseDomainPolicyInput, parseGlobalPolicyInput } from "./input";
import { serializeGlobalPolicyYaml } from "./yaml";

describe("parseGlobalPolicyInput", () => {
  it("accepts the seed's YAML", () => {
    const r = parseGlobalPolicyInput({ yaml: fixtureText("global-policy.yaml") });
    expect(r.ok && r.spec.access_control.map((a) => a.role)).toEqual(["data_consumer", "data_producer", "data_admin"]);
  });

  it("refuses an unknown role with its path and line", () => {
    const spec = {
      ...seedGlobal(),
      access_control: [
        ...seedGlobal().access_control,
        { role: "data_scientist", permissions: ["read" as const], data_access: ["public" as const] },
      ],
    };
    const text = serializeGlobalPolicyYaml({
      apiVersion: "v1",
      kind: "DataGovernancePolicy",
      metadata: { name: "global-data-governance" },
      spec,
    });
    const r = parseGlobalPolicyInput({ yaml: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].path).toBe("spec.access_control[3].role");
    expect(r.issues[0].message).toContain('unknown role "data_scientist"');
    expect(text.split("\n")[r.issues[0].line! - 1]).toContain("data_scientist");
    expect(issuesToFieldErrors(r.issues, r.format).yaml[0]).toMatch(/^spec\.access_control\[3\]\.role \(line \d+\): unknown role/);
  });

  it("reports a threshold of 150 in the form under the field's path", () => {
    const spec = structuredClone(seedGlobal()) as unknown as { data_quality: Array<{ threshold: unknown }> };
    spec.data_quality[0].threshold = "150";
    const r = parseGlobalPolicyInput({ spec });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(issuesToFieldErrors(r.issues, r.format)).toEqual({
      "data_quality[0].threshold": ["must be a percentage between 0 and 100 (got 150)"],
    });
  });

  it("reports malformed YAML with a line", () => {
    const r = parseGlobalPolicyInput({ yaml: "apiVersion: v1\nkind: DataGovernancePolicy\nspec: [\n" });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        message: expect.stringContaining("YAML syntax") as unknown,
        line: expect.any(Number) as unknown,
      });
  });
});

describe("parseDomainPolicyInput", () => {
  it("refuses a document for another domain", () => {
    const r = parseDomainPolicyInput("marketing", { yaml: fixtureText("sales-policy.yaml") }, seedGlobal());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: "metadata.namespace", line: 6 });
  });

  it("refuses a role the global policy does not define in an override", () => {
    const r = parseDomainPolicyInput(
      "sales",
      { spec: { overrides: { access_control: [{ role: "intern", permissions: ["read"], data_access: ["public"] }] } } },
      seedGlobal(),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(issuesToFieldErrors(r.issues, r.format)["overrides.access_control[0].role"]?.[0]).toContain('role "intern" is not defined');
  });

  it("returns the canonical policy with the slug", () => {
    const r = parseDomainPolicyInput("operations", { spec: { data_retention: "1_year", access_model: "strict_role_based" } }, seedGlobal());
    expect(r).toEqual({
      ok: true,
      format: "form",
      spec: { domain: "operations", data_retention: "1_year", access_model: "strict_role_based" },
    });
  });
});
