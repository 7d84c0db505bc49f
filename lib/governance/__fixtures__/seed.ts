// Test helpers: the seed's governance policies, parsed from the YAML fixtures next to this file.
import { readFileSync } from "node:fs";
import { domainPolicyFromDocument, parseDomainPolicyYaml, parseGlobalPolicyYaml } from "../policies/yaml";
import type { DomainPolicy, GlobalPolicy } from "../policies/types";

export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

export function seedGlobal(): GlobalPolicy {
  const result = parseGlobalPolicyYaml(fixtureText("global-policy.yaml"));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.spec;
}

export function seedDomain(slug: "sales" | "marketing" | "finance"): DomainPolicy {
  const result = parseDomainPolicyYaml(fixtureText(`${slug}-policy.yaml`));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return domainPolicyFromDocument(result.value);
}

/** The seed's global policy with the federation controls from the governance brief. */
export function lockedGlobal(locked = ["data_classification", "access_control", "quality_requirements.accuracy"]): GlobalPolicy {
  return { ...seedGlobal(), locked, quality_requirements: { accuracy: 98 } };
}
