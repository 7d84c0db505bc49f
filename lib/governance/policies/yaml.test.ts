import { describe, expect, it } from "vitest";
import { fixtureText, lockedGlobal, seedGlobal } from "../__fixtures__/seed";
import {
  domainPolicyDocument,
  domainPolicyFromDocument,
  formatIssue,
  parseDomainPolicyYaml,
  parseGlobalPolicyYaml,
  parsePath,
  parsePolicyYaml,
  serializeDomainPolicyYaml,
  serializeGlobalPolicyYaml,
  type YamlResult,
} from "./yaml";
import type { DomainPolicy, PolicyIssue } from "./types";

/** The seed text without comments, blank lines and trailing spaces: what serialisation can reproduce. */
function withoutComments(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "" && !line.trimStart().startsWith("#"))
    .join("\n")
    .concat("\n");
}

function ok<T>(result: YamlResult<T>): T {
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.value;
}

function failed<T>(result: YamlResult<T>): PolicyIssue[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

const GLOBAL = fixtureText("global-policy.yaml");

describe("global policy YAML", () => {
  it("parses the seed's policy verbatim", () => {
    const doc = ok(parseGlobalPolicyYaml(GLOBAL));
    expect(doc.metadata.name).toBe("global-data-governance");
    expect(doc.spec.data_classification.map((c) => [c.level, c.encryption, c.retention])).toEqual([
      ["public", "optional", "7_years"],
      ["internal", "required", "5_years"],
      ["confidential", "required", "3_years"],
      ["restricted", "required", "1_year"],
    ]);
    expect(doc.spec.access_control[0]).toEqual({ role: "data_consumer", permissions: ["read"], data_access: ["public", "internal"] });
    expect(doc.spec.data_quality.map((q) => [q.metric, q.threshold, q.enforcement])).toEqual([
      ["completeness", 95, "warning"],
      ["accuracy", 98, "error"],
      ["consistency", 99, "error"],
    ]);
    expect(doc.spec.compliance[1]).toEqual({
      regulation: "ccpa",
      requirements: { data_disclosure: true, data_deletion: true, opt_out: true },
    });
  });

  it("serialises back to the seed's exact text, minus comments", () => {
    expect(serializeGlobalPolicyYaml(ok(parseGlobalPolicyYaml(GLOBAL)))).toBe(withoutComments(GLOBAL));
  });

  it("round-trips federation controls and optional keys", () => {
    const doc = {
      apiVersion: "v1",
      kind: "DataGovernancePolicy",
      metadata: { name: "strict" },
      spec: { ...lockedGlobal(), domain_overrides_allowed: false, data_retention: "5_years", access_model: "strict_role_based" },
    } as const;
    const text = serializeGlobalPolicyYaml(doc);
    expect(text).toContain("  locked: [data_classification, access_control, quality_requirements.accuracy]\n");
    expect(text).toContain("  domain_overrides_allowed: false\n");
    expect(ok(parseGlobalPolicyYaml(text))).toEqual(doc);
  });

  it("names the path and line of each error, top to bottom", () => {
    const broken = GLOBAL.replace("retention: 1_year", "retention: forever")
      .replace("threshold: 98%", "threshold: 150")
      .replace("permissions: [read, write]\n", "permissions: [read, writ]\n")
      .replace("- data_portability: true", "- data_portability: yes");
    const issues = failed(parseGlobalPolicyYaml(broken));
    expect(issues.map(formatIssue)).toEqual([
      'spec.data_classification[3].retention (line 24): must be a duration written <number>_<unit> like 7_years, 6_months or 90_days (units: days, weeks, months, years); got "forever"',
      'spec.access_control[1].permissions[1] (line 32): must be one of read, write, delete, manage (got "writ")',
      "spec.data_quality[1].threshold (line 44): must be a percentage between 0 and 100 (got 150)",
      'spec.compliance[0].requirements[2].data_portability (line 56): must be true or false (got "yes")',
    ]);
    expect(issues[0].column).toBe(7);
  });

  it("points at unknown keys, missing keys and a wrong kind", () => {
    const issues = failed(
      parseGlobalPolicyYaml(
        GLOBAL.replace("  name: global", "  nme: global").replace("kind: DataGovernancePolicy", "kind: GovernancePolicy"),
      ),
    );
    expect(issues.map(formatIssue)).toEqual([
      'kind (line 3): must be DataGovernancePolicy (got "GovernancePolicy")',
      "metadata.name (line 4): is required",
      'metadata.nme (line 5): unknown key "nme"',
    ]);
  });

  it("reports YAML syntax errors, duplicate keys and empty documents with lines", () => {
    const syntax = failed(parseGlobalPolicyYaml("apiVersion: v1\nspec:\n  access_control: [read\n"));
    expect(syntax[0]).toMatchObject({ path: "", line: expect.any(Number) });
    expect(syntax[0].message).toMatch(/^YAML syntax:/);
    const dup = failed(parseGlobalPolicyYaml("apiVersion: v1\napiVersion: v2\n"));
    expect(dup[0]).toMatchObject({ line: 2 });
    expect(failed(parseGlobalPolicyYaml("# nothing\n"))).toEqual([{ path: "", message: "the document is empty", line: 1, column: 1 }]);
  });
});

describe("domain policy YAML", () => {
  it.each(["sales", "marketing", "finance"] as const)("round-trips the seed's %s policy", (slug) => {
    const text = fixtureText(`${slug}-policy.yaml`);
    const doc = ok(parseDomainPolicyYaml(text, { global: seedGlobal() }));
    expect(serializeDomainPolicyYaml(doc)).toBe(withoutComments(text));
    expect(domainPolicyFromDocument(doc).domain).toBe(slug);
  });

  it("reads the seed's values", () => {
    const finance = domainPolicyFromDocument(ok(parseDomainPolicyYaml(fixtureText("finance-policy.yaml"))));
    expect(finance).toEqual({
      domain: "finance",
      data_retention: "7_years",
      access_model: "strict_role_based",
      quality_requirements: { completeness: 99, accuracy: 99.5, freshness: "1_hour" },
    });
  });

  it("round-trips overrides through a document", () => {
    const policy: DomainPolicy = {
      domain: "customer-success",
      access_model: "role_based",
      quality_requirements: { completeness: 97, availability: 99.5 },
      overrides: {
        data_quality: [{ metric: "accuracy", threshold: 99.5, enforcement: "error" }],
        access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public"] }],
      },
    };
    const text = serializeDomainPolicyYaml(domainPolicyDocument(policy));
    expect(text).toContain("  name: customer-success-governance\n  namespace: customer-success-domain\n");
    expect(text).toContain("threshold: 99.5%");
    expect(domainPolicyFromDocument(ok(parseDomainPolicyYaml(text)))).toEqual(policy);
  });

  it("reports bad values and an unknown role with paths and lines", () => {
    const text = [
      "apiVersion: v1",
      "kind: DomainGovernancePolicy",
      "metadata:",
      "  name: ops-governance",
      "  namespace: ops-domain",
      "spec:",
      "  data_retention: forever",
      "  quality_requirements:",
      "    accuracy: 150",
      "",
    ].join("\n");
    expect(failed(parseDomainPolicyYaml(text)).map((i) => `${i.path}@${i.line}`)).toEqual([
      "spec.data_retention@7",
      "spec.quality_requirements.accuracy@9",
    ]);

    const unknownRole = [
      ...text.split("\n").slice(0, 6),
      "  overrides:",
      "    access_control:",
      "      - role: data_analyst",
      "        permissions: [read]",
      "        data_access: [public]",
      "",
    ].join("\n");
    expect(ok(parseDomainPolicyYaml(unknownRole)).spec.overrides?.access_control?.[0].role).toBe("data_analyst");
    expect(failed(parseDomainPolicyYaml(unknownRole, { global: seedGlobal() })).map(formatIssue)).toEqual([
      'spec.overrides.access_control[0].role (line 9): role "data_analyst" is not defined in the global policy (defined: data_consumer, data_producer, data_admin)',
    ]);
  });

  it("requires the <domain>-domain namespace", () => {
    const text = fixtureText("sales-policy.yaml").replace("namespace: sales-domain", "namespace: sales");
    expect(failed(parseDomainPolicyYaml(text))[0]).toMatchObject({ path: "metadata.namespace", line: 6 });
  });
});

describe("parsePolicyYaml", () => {
  it("dispatches on kind", () => {
    expect(ok(parsePolicyYaml(GLOBAL)).kind).toBe("DataGovernancePolicy");
    expect(ok(parsePolicyYaml(fixtureText("sales-policy.yaml"))).kind).toBe("DomainGovernancePolicy");
    expect(failed(parsePolicyYaml("kind: Nope\n"))[0].path).toBe("apiVersion");
  });
});

describe("parsePath", () => {
  it("splits keys and indexes", () => {
    expect(parsePath("spec.access_control[1].data_access[0]")).toEqual(["spec", "access_control", 1, "data_access", 0]);
  });
});
