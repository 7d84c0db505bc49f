import { describe, expect, it } from "vitest";
import type { EffectivePolicy } from "../../policies/types";
import { expectedPrivileges, privilegeDrift } from "./access";
import { effectiveRetention, purgeAllowed, retentionCutoff, timestampColumn } from "./retention";
import { slotOf } from "./schedule";

const policy = (over: Partial<EffectivePolicy> = {}) =>
  ({
    data_classification: [
      { level: "internal", description: "", encryption: "required", retention: "5_years" },
      { level: "restricted", description: "", encryption: "required", retention: "1_year" },
    ],
    access_control: [],
    data_quality: [],
    compliance: [{ regulation: "gdpr", requirements: { right_to_erasure: true } }],
    ...over,
  }) as EffectivePolicy;

describe("effective retention", () => {
  it("is the product's declared period when within the policy's maximum, else the maximum", () => {
    expect(effectiveRetention(policy(), { classification: "internal", governance: { retention: "90_days" } })?.retention).toBe("90_days");
    expect(effectiveRetention(policy(), { classification: "restricted", governance: { retention: "3_years" } })?.retention).toBe("1_year");
    expect(effectiveRetention(policy(), { classification: "internal" })?.retention).toBe("5_years");
    expect(effectiveRetention(policy({ data_retention: "7_years" }), { classification: "restricted" })).toMatchObject({
      retention: "7_years",
      source: "the domain's data_retention",
    });
    expect(effectiveRetention(policy(), { classification: "internal", governance: { retention: "soon" } })?.retention).toBe("5_years");
  });

  it("cuts off at now minus the period", () => {
    expect(retentionCutoff({ retention: "10_days", source: "" }, new Date("2026-12-11T00:00:00Z")).toISOString()).toBe(
      "2026-12-01T00:00:00.000Z",
    );
  });

  it("purges only where a compliance requirement says purge_expired_data", () => {
    expect(purgeAllowed(policy())).toBe(false);
    expect(purgeAllowed(policy({ compliance: [{ regulation: "gdpr", requirements: { purge_expired_data: true } }] }))).toBe(true);
  });

  it("dates rows by the contract's retention element when it is a time column, else _loaded_at", () => {
    const columns = new Map([
      ["ordered_at", "timestamp with time zone"],
      ["name", "text"],
    ]);
    const contract = (element: string) =>
      ({
        apiVersion: "v3.1.0",
        kind: "DataContract",
        id: "c",
        version: "1",
        status: "active",
        slaProperties: [{ property: "retention", value: 1, element }],
      }) as never;
    expect(timestampColumn(contract("orders.ordered_at"), columns)).toBe("ordered_at");
    expect(timestampColumn(contract("orders.name"), columns)).toBe("_loaded_at");
    expect(timestampColumn(null, columns)).toBe("_loaded_at");
  });
});

describe("privilege drift", () => {
  const relations = { current: "t_v2", previous: ["t_v1"], view: "v", maskedView: "v__masked" };
  const expected = expectedPrivileges(
    [
      { roleName: "reader", privileges: ["SELECT"] },
      { roleName: "writer", privileges: ["SELECT", "INSERT", "UPDATE"] },
    ],
    relations,
    ["login_1"],
  );

  it("expects reads on every version, the view and the masked view; writes on the current table only", () => {
    expect(expected.filter((p) => p.grantee === "reader").map((p) => p.relation)).toEqual(["t_v2", "t_v1", "v", "v__masked"]);
    expect(expected.filter((p) => p.grantee === "writer" && p.relation !== "t_v2").every((p) => p.privilege === "SELECT")).toBe(true);
    expect(expected.filter((p) => p.grantee === "login_1")).toEqual([{ grantee: "login_1", relation: "v__masked", privilege: "SELECT" }]);
  });

  it("reports extra privileges to revoke and missing ones on relations that exist", () => {
    const actual = [
      ...expected.filter((p) => !(p.grantee === "reader" && p.relation === "v")),
      { grantee: "reader", relation: "t_v2", privilege: "DELETE" },
    ];
    const existing = new Set(["t_v2", "t_v1", "v"]);
    const drift = privilegeDrift(expected, actual, existing);
    expect(drift.extra).toEqual([{ grantee: "reader", relation: "t_v2", privilege: "DELETE" }]);
    expect(drift.missing).toEqual([{ grantee: "reader", relation: "v", privilege: "SELECT" }]);
  });
});

describe("run slots", () => {
  it("are the UTC day, hour and minute of the rule's schedule", () => {
    const at = new Date("2026-12-04T03:07:45Z");
    expect([slotOf("retention", at), slotOf("quality", at), slotOf("access", at)]).toEqual([
      "2026-12-04",
      "2026-12-04T03",
      "2026-12-04T03:07",
    ]);
  });
});
