// Turns what an editor submitted (a structured form's spec or a YAML document) into a canonical
// policy, or into issues that name the path (and, for YAML, the line). Pure; the save service and the
// impact preview both call it so they accept and refuse exactly the same input.
import { LineCounter, parseDocument } from "yaml";
import { positionAt } from "@/lib/yaml-position";
import { ROLES } from "@/lib/roles";
import { checkDomainAgainstGlobal, domainPolicySpecSchema, globalPolicySchema, issuesFromZod } from "./schema";
import { domainPolicyFromDocument, formatIssue, parseDomainPolicyYaml, parseGlobalPolicyYaml, parsePath } from "./yaml";
import type { DomainPolicy, GlobalPolicy, PolicyIssue } from "./types";

/** Exactly one of the two: the structured form's wire spec, or a whole YAML document. */
export type PolicyInput = { spec?: unknown; yaml?: string };
export type InputFormat = "form" | "yaml";

export type ParsedPolicy<T> = { ok: true; spec: T; format: InputFormat } | { ok: false; issues: PolicyIssue[]; format: InputFormat };

function formatOf(input: PolicyInput): InputFormat {
  return typeof input.yaml === "string" ? "yaml" : "form";
}

/**
 * Global roles are matched against the roles users hold (enforcement/decide.ts), so a role the platform does not
 * know could never grant anything: it is almost always a typo and is refused.
 */
export function unknownRoleIssues(
  spec: Pick<GlobalPolicy, "access_control">,
  knownRoles: readonly string[] = ROLES,
  prefix = "",
): PolicyIssue[] {
  return spec.access_control.flatMap((rule, i) =>
    knownRoles.includes(rule.role)
      ? []
      : [
          {
            path: `${prefix}access_control[${i}].role`,
            message: `unknown role "${rule.role}"; the platform's roles are ${knownRoles.join(", ")}`,
          },
        ],
  );
}

export function parseGlobalPolicyInput(input: PolicyInput, knownRoles: readonly string[] = ROLES): ParsedPolicy<GlobalPolicy> {
  const format = formatOf(input);
  if (format === "yaml") {
    const text = input.yaml ?? "";
    const parsed = parseGlobalPolicyYaml(text);
    if (!parsed.ok) return { ok: false, issues: parsed.issues, format };
    const issues = unknownRoleIssues(parsed.value.spec, knownRoles, "spec.").map((i) => locateIssue(text, i));
    return issues.length > 0 ? { ok: false, issues, format } : { ok: true, spec: parsed.value.spec, format };
  }
  const parsed = globalPolicySchema.safeParse(input.spec);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error), format };
  const issues = unknownRoleIssues(parsed.data, knownRoles);
  return issues.length > 0 ? { ok: false, issues, format } : { ok: true, spec: parsed.data, format };
}

export function parseDomainPolicyInput(slug: string, input: PolicyInput, global: GlobalPolicy): ParsedPolicy<DomainPolicy> {
  const format = formatOf(input);
  if (format === "yaml") {
    const text = input.yaml ?? "";
    const parsed = parseDomainPolicyYaml(text, { global });
    if (!parsed.ok) return { ok: false, issues: parsed.issues, format };
    const policy = domainPolicyFromDocument(parsed.value);
    if (policy.domain !== slug) {
      const issue = {
        path: "metadata.namespace",
        message: `this document is for the ${policy.domain} domain; the policy being edited is ${slug}'s (namespace ${slug}-domain)`,
      };
      return { ok: false, issues: [locateIssue(text, issue)], format };
    }
    return { ok: true, spec: policy, format };
  }
  // A stored policy (or its JSON export) names its domain; accept it when it is this one.
  let wire = input.spec;
  if (wire !== null && typeof wire === "object" && !Array.isArray(wire) && "domain" in wire) {
    const { domain, ...rest } = wire as Record<string, unknown>;
    if (domain !== slug)
      return {
        ok: false,
        issues: [{ path: "domain", message: `this policy is for ${show(domain)}; the policy being edited is ${slug}'s` }],
        format,
      };
    wire = rest;
  }
  const parsed = domainPolicySpecSchema.safeParse(wire);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error), format };
  const issues = checkDomainAgainstGlobal(global, parsed.data);
  return issues.length > 0 ? { ok: false, issues, format } : { ok: true, spec: { domain: slug, ...parsed.data }, format };
}

/**
 * Issues as action field errors: a form's issues under their spec path (the editor shows each next to
 * its input), a YAML document's as one list under "yaml", each naming path and line.
 */
export function issuesToFieldErrors(issues: readonly PolicyIssue[], format: InputFormat): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = format === "yaml" ? "yaml" : issue.path || "spec";
    (out[key] ??= []).push(format === "yaml" ? formatIssue(issue) : issue.message);
  }
  return out;
}

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

/** Adds the line of the deepest existing node on the issue's path (for issues found after parsing). */
export function locateIssue(text: string, issue: PolicyIssue): PolicyIssue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, logLevel: "error" });
  return { ...issue, ...positionAt({ doc, lineCounter }, parsePath(issue.path)) };
}
