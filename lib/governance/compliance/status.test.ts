import { describe, expect, it } from "vitest";
import { findingsFromJson, isCurrent, publishDecision, summarize } from "./status";
import type { Finding } from "./rules";

const f = (ruleId: Finding["ruleId"], severity: Finding["severity"]): Finding => ({
  ruleId,
  severity,
  message: `${ruleId} message.`,
  path: "spec.x",
  policyValue: 1,
  policySource: "global",
  fixHint: "Fix it.",
});
const error = f("access.level-allowed", "error");
const warning = f("access.role-known", "warning");
const info = f("retention.declared", "info");

describe("summarize", () => {
  it("errors fail, warnings flag, info does not count", () => {
    expect(summarize([])).toEqual({ status: "passing", errors: 0, warnings: 0, infos: 0 });
    expect(summarize([info])).toEqual({ status: "passing", errors: 0, warnings: 0, infos: 1 });
    expect(summarize([warning, info])).toEqual({ status: "warnings", errors: 0, warnings: 1, infos: 1 });
    expect(summarize([warning, error, error])).toEqual({ status: "failing", errors: 2, warnings: 1, infos: 0 });
  });
});

describe("publishDecision", () => {
  it("blocks on errors even when warnings were acknowledged, naming each rule", () => {
    const d = publishDecision([error, warning], true);
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.needs).toBe("fix");
    expect(d.blocking).toEqual([error]);
    expect(d.reason).toContain("1 policy error");
    expect(d.reason).toContain("[access.level-allowed]");
  });

  it("blocks on unacknowledged warnings and allows once acknowledged", () => {
    const blocked = publishDecision([warning, info], false);
    expect(blocked).toMatchObject({ allowed: false, needs: "acknowledgement" });
    expect(blocked.reason).toContain("acknowledge");
    expect(publishDecision([warning, info], true)).toMatchObject({ allowed: true, reason: "Compliant; 1 acknowledged warning." });
  });

  it("never blocks on info findings", () => {
    expect(publishDecision([info], false)).toEqual({ allowed: true, reason: "Compliant with the effective policy." });
  });
});

describe("isCurrent", () => {
  const state = { productVersion: "1.0.0", globalPolicyVersion: 2, domainPolicyVersion: 1, findings: [warning] };
  it("is current only when version, both policy versions and findings match", () => {
    expect(isCurrent(state, { ...state, findings: [{ ...warning }] })).toBe(true);
    expect(isCurrent(state, { ...state, productVersion: "1.1.0" })).toBe(false);
    expect(isCurrent(state, { ...state, globalPolicyVersion: 3 })).toBe(false);
    expect(isCurrent(state, { ...state, domainPolicyVersion: null })).toBe(false);
    expect(isCurrent(state, { ...state, findings: [warning, info] })).toBe(false);
  });
});

describe("findingsFromJson", () => {
  it("keeps well-formed findings and drops anything else", () => {
    expect(
      findingsFromJson([error, { ruleId: "made.up", severity: "error" }, { ruleId: "access.role-known", severity: "fatal" }, null, "x"]),
    ).toEqual([error]);
    expect(findingsFromJson({ not: "a list" })).toEqual([]);
  });
});
