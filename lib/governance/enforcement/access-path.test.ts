// The grant paths of the seed policy (prisma/seed/policies/global.yaml): who reads outright, who may be
// granted what by whom, who never; the engine's grant gate; the schema's checks of grant rules.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseGlobalPolicyYaml } from "../policies/yaml";
import { effectivePolicy } from "../policies/merge";
import { accessPath, clearedForPii } from "./access-path";
import { compilePolicies, decide, type AccessRequest } from "./decide";

const text = readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", "global.yaml"), "utf8");
const parsed = parseGlobalPolicyYaml(text);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const global = parsed.value.spec;
const policy = effectivePolicy(global).policy;
const compiled = compilePolicies(global, []);

function read(roles: string[], classification: string, grant?: AccessRequest["grant"], action = "read"): AccessRequest {
  return {
    action,
    subject: { id: "carla", roles, domainRoles: {} },
    resource: { type: "data_product", id: "orders", domain: "sales", classification },
    grant,
  };
}
const GRANT = { id: "g-1", expiresAt: "2027-01-01T00:00:00.000Z" };

describe("accessPath (seed policy)", () => {
  it("consumers read public and internal outright", () => {
    expect(accessPath(policy.access_control, ["data_consumer"], "public")).toEqual({ kind: "read", role: "data_consumer" });
    expect(accessPath(policy.access_control, ["data_consumer"], "internal")).toEqual({ kind: "read", role: "data_consumer" });
  });
  it("confidential by the owners' approval, restricted by owners and governance, each with the policy's cap", () => {
    expect(accessPath(policy.access_control, ["data_consumer"], "confidential")).toMatchObject({
      kind: "grant",
      approval: "owner",
      maxDuration: "90_days",
      maxSeconds: 90 * 86_400,
    });
    expect(accessPath(policy.access_control, ["data_consumer"], "restricted")).toMatchObject({
      kind: "grant",
      approval: "owner_and_governance",
      maxDuration: "30_days",
    });
  });
  it("never for roles the policy grants nothing, and the easiest path among several roles", () => {
    expect(accessPath(policy.access_control, ["executive"], "confidential")).toEqual({ kind: "never" });
    expect(accessPath(policy.access_control, [], "public")).toEqual({ kind: "never" });
    expect(accessPath(policy.access_control, ["data_consumer", "data_producer"], "confidential")).toEqual({
      kind: "read",
      role: "data_producer",
    });
  });
  it("clears PII for domain members and roles that read the top level outright, nobody else", () => {
    expect(clearedForPii(policy, ["data_consumer"], false)).toBe(false);
    expect(clearedForPii(policy, ["data_producer"], false)).toBe(false);
    expect(clearedForPii(policy, ["data_admin"], false)).toBe(true);
    expect(clearedForPii(policy, ["data_consumer"], true)).toBe(true);
  });
});

describe("decide with a grant (gate 5)", () => {
  it("denies a consumer's read of confidential data without a grant and allows it with one", () => {
    expect(decide(read(["data_consumer"], "confidential"), compiled)).toMatchObject({ decision: "deny", rule: "access_control" });
    expect(decide(read(["data_consumer"], "confidential", GRANT), compiled)).toMatchObject({ decision: "allow", rule: "grant" });
    expect(decide(read(["data_consumer"], "restricted", GRANT), compiled)).toMatchObject({ decision: "allow", rule: "grant" });
  });
  it("a grant opens reads only, and only for roles the policy still lets be granted that level", () => {
    expect(decide(read(["data_consumer"], "confidential", GRANT, "write"), compiled).decision).toBe("deny");
    expect(decide(read(["executive"], "confidential", GRANT), compiled).decision).toBe("deny");
    const narrowed = compilePolicies(
      {
        ...global,
        access_control: global.access_control.map((r) => ({ ...r, grants: r.grants?.filter((g) => g.level !== "confidential") })),
      },
      [],
    );
    expect(decide(read(["data_consumer"], "confidential", GRANT), narrowed).decision).toBe("deny");
  });
});

describe("grant rules in the policy schema", () => {
  const CONFIDENTIAL = "        - level: confidential\n          approval: owner\n          max_duration: 90_days";
  const issues = (replacement: string) => {
    const r = parseGlobalPolicyYaml(text.replace(CONFIDENTIAL, replacement));
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };
  it("refuses a grant of a level the role reads already, a level named twice and a bad duration", () => {
    const twice = issues(
      "        - level: internal\n          approval: owner\n          max_duration: 30_days\n" +
        "        - level: restricted\n          approval: owner\n          max_duration: 30_days",
    );
    expect(twice).toContain(
      "spec.access_control[0].grants[0].level: data_consumer already reads internal data outright; a grant adds nothing",
    );
    expect(twice).toContain('spec.access_control[0].grants[2].level: grant level "restricted" is defined twice');
    const duration = issues("        - level: confidential\n          approval: owner\n          max_duration: forever");
    expect(duration[0]).toMatch(/^spec\.access_control\[0\]\.grants\[0\]\.max_duration: must be a duration/);
    expect(issues("        - level: confidential\n          approval: anyone\n          max_duration: 9_days")[0]).toMatch(/approval/);
  });
  it("keeps grants through YAML", () => {
    expect(global.access_control.find((r) => r.role === "data_consumer")?.grants).toEqual([
      { level: "confidential", approval: "owner", max_duration: "90_days" },
      { level: "restricted", approval: "owner_and_governance", max_duration: "30_days" },
    ]);
  });
});
