import { describe, expect, it } from "vitest";
import type { AccessRule } from "@/lib/governance/policies/types";
import { computeGrants, grantStatements } from "./grants";
import { roleNameFor } from "./naming";

const names = { database: "meshport" };
const role = (accessRole: string) => roleNameFor("dp_s_p", accessRole, "meshport");

const policy: AccessRule[] = [
  { role: "data_consumer", permissions: ["read"], data_access: ["public", "internal"] },
  { role: "data_producer", permissions: ["read", "write"], data_access: ["public", "internal", "confidential"] },
  {
    role: "data_admin",
    permissions: ["read", "write", "delete", "manage"],
    data_access: ["public", "internal", "confidential", "restricted"],
  },
];

describe("computeGrants", () => {
  it("gives each role the spec's permissions that the policy also allows", () => {
    const grants = computeGrants(
      "dp_s_p",
      [
        { role: "data_consumer", permissions: ["read", "write"] },
        { role: "data_producer", permissions: ["read", "write"] },
        { role: "data_admin", permissions: ["read", "write", "delete", "manage"] },
      ],
      "internal",
      policy,
      names,
    );
    expect(grants.map((g) => [g.roleName, g.privileges])).toEqual([
      [role("data_consumer"), ["SELECT"]],
      [role("data_producer"), ["SELECT", "INSERT", "UPDATE"]],
      [role("data_admin"), ["SELECT", "INSERT", "UPDATE", "DELETE"]],
    ]);
    expect(grants[0].withheld).toEqual([{ permission: "write", reason: "the policy does not give data_consumer the write permission" }]);
  });

  it("grants nothing to a role that may not see the classification or that the policy does not know", () => {
    const grants = computeGrants(
      "dp_s_p",
      [
        { role: "data_consumer", permissions: ["read"] },
        { role: "data-analyst", permissions: ["read"] },
      ],
      "confidential",
      policy,
      names,
    );
    expect(grants.map((g) => g.privileges)).toEqual([[], []]);
    expect(grants[0].withheld[0].reason).toBe("data_consumer may not access confidential data");
    expect(grants[1].withheld[0].reason).toBe("the policy defines no role data-analyst");
  });
});

describe("grantStatements", () => {
  it("revokes everything, then grants usage and table privileges; older tables only readable", () => {
    // A deployment's existing role keeps its name, whatever the naming rule says today.
    const existing = new Map([["data_producer", "dp_s_p_data_producer"]]);
    const [producer] = computeGrants("dp_s_p", [{ role: "data_producer", permissions: ["read", "write"] }], "internal", policy, {
      ...names,
      existing,
    });
    expect(grantStatements("dp_s_p", producer, { current: "p_v2", previous: ["p_v1"], view: "p" })).toEqual([
      'REVOKE ALL ON ALL TABLES IN SCHEMA "dp_s_p" FROM "dp_s_p_data_producer"',
      'REVOKE ALL ON SCHEMA "dp_s_p" FROM "dp_s_p_data_producer"',
      'GRANT USAGE ON SCHEMA "dp_s_p" TO "dp_s_p_data_producer"',
      'GRANT SELECT, INSERT, UPDATE ON TABLE "dp_s_p"."p_v2" TO "dp_s_p_data_producer"',
      'GRANT SELECT ON TABLE "dp_s_p"."p_v1" TO "dp_s_p_data_producer"',
      'GRANT SELECT ON TABLE "dp_s_p"."p" TO "dp_s_p_data_producer"',
    ]);
  });

  it("only revokes for a role with no privileges", () => {
    const [none] = computeGrants("s", [{ role: "data_consumer", permissions: ["read"] }], "restricted", policy, names);
    expect(grantStatements("s", none, { current: "t", previous: [], view: "v" })).toHaveLength(2);
  });
});
