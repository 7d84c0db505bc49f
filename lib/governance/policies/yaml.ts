// YAML in the seed's format for the global `kind: DataGovernancePolicy` and for
// `kind: DomainGovernancePolicy` (the seed's Python domain dicts written as documents:
// metadata.namespace is "<domain>-domain", like data products).
//
// Errors name the path and the line, so a policy author can fix an upload without guessing.
// Serialisation reproduces the seed's layout (quoted descriptions, inline permission lists,
// "95%" thresholds, requirement lists), so exporting an imported policy gives the seed text back
// minus comments.
import { Document, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { positionAt, positionOf } from "@/lib/yaml-position";
import type { z } from "zod";
import {
  checkDomainAgainstGlobal,
  domainPolicyDocumentSchema,
  domainSlugFromNamespace,
  globalPolicyDocumentSchema,
  issuesFromZod,
} from "./schema";
import {
  QUALITY_REQUIREMENT_KEYS,
  type DomainPolicy,
  type DomainPolicyDocument,
  type GlobalPolicy,
  type GlobalPolicyDocument,
  type PolicyIssue,
  type PolicyOverrides,
  type QualityRequirements,
} from "./types";

export type YamlResult<T> = { ok: true; value: T } | { ok: false; issues: PolicyIssue[] };

export type AnyPolicyDocument =
  { kind: "DataGovernancePolicy"; document: GlobalPolicyDocument } | { kind: "DomainGovernancePolicy"; document: DomainPolicyDocument };

export function parseGlobalPolicyYaml(text: string): YamlResult<GlobalPolicyDocument> {
  return parseWith(text, globalPolicyDocumentSchema);
}

/**
 * Parses a domain policy. With `global`, also checks it against the global policy (roles and levels
 * it references must exist there); locked-key conflicts are not parse errors, see overrideViolations.
 */
export function parseDomainPolicyYaml(text: string, options: { global?: GlobalPolicy } = {}): YamlResult<DomainPolicyDocument> {
  return parseWith(text, domainPolicyDocumentSchema, (doc) =>
    options.global ? checkDomainAgainstGlobal(options.global, doc.spec).map((i) => ({ ...i, path: `spec.${i.path}` })) : [],
  );
}

/** Parses either kind, chosen by the document's `kind`. */
export function parsePolicyYaml(text: string, options: { global?: GlobalPolicy } = {}): YamlResult<AnyPolicyDocument> {
  const lineCounter = new LineCounter();
  const kind = parseDocument(text, { lineCounter, logLevel: "error" }).get("kind");
  if (kind === "DomainGovernancePolicy") {
    const r = parseDomainPolicyYaml(text, options);
    return r.ok ? { ok: true, value: { kind, document: r.value } } : r;
  }
  if (kind === "DataGovernancePolicy") {
    const r = parseGlobalPolicyYaml(text);
    return r.ok ? { ok: true, value: { kind, document: r.value } } : r;
  }
  const r = parseGlobalPolicyYaml(text); // reports syntax errors, or the bad kind with its line
  return r.ok ? { ok: true, value: { kind: "DataGovernancePolicy", document: r.value } } : r;
}

export function domainPolicyFromDocument(document: DomainPolicyDocument): DomainPolicy {
  return { domain: domainSlugFromNamespace(document.metadata.namespace), ...document.spec };
}

/** Wraps a domain policy in a document named "<domain>-governance" unless a name is given. */
export function domainPolicyDocument(policy: DomainPolicy, name = `${policy.domain}-governance`): DomainPolicyDocument {
  const { domain, ...spec } = policy;
  return { apiVersion: "v1", kind: "DomainGovernancePolicy", metadata: { name, namespace: `${domain}-domain` }, spec };
}

export function serializeGlobalPolicyYaml(document: GlobalPolicyDocument): string {
  const s = document.spec;
  const spec: Record<string, unknown> = { ...listsToWire(s) };
  if (s.data_retention !== undefined) spec.data_retention = s.data_retention;
  if (s.access_model !== undefined) spec.access_model = s.access_model;
  if (s.quality_requirements !== undefined) spec.quality_requirements = qualityToWire(s.quality_requirements);
  // Defaults are left out so a policy without federation controls looks exactly like the seed's.
  if (s.locked.length > 0) spec.locked = [...s.locked];
  if (!s.domain_overrides_allowed) spec.domain_overrides_allowed = false;
  return stringify({ apiVersion: "v1", kind: "DataGovernancePolicy", metadata: { name: document.metadata.name }, spec });
}

export function serializeDomainPolicyYaml(document: DomainPolicyDocument): string {
  const s = document.spec;
  const spec: Record<string, unknown> = {};
  if (s.data_retention !== undefined) spec.data_retention = s.data_retention;
  if (s.access_model !== undefined) spec.access_control = s.access_model; // the seed's key
  if (s.quality_requirements !== undefined) spec.quality_requirements = qualityToWire(s.quality_requirements);
  if (s.overrides !== undefined && Object.keys(s.overrides).length > 0) spec.overrides = listsToWire(s.overrides);
  const { name, namespace } = document.metadata;
  return stringify({ apiVersion: "v1", kind: "DomainGovernancePolicy", metadata: { name, namespace }, spec });
}

function listsToWire(values: PolicyOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (values.data_classification) {
    out.data_classification = values.data_classification.map(({ level, description, encryption, retention }) => ({
      level,
      description,
      encryption,
      retention,
    }));
  }
  if (values.access_control) {
    out.access_control = values.access_control.map(({ role, permissions, data_access, grants }) => ({
      role,
      permissions: [...permissions],
      data_access: [...data_access],
      ...(grants && grants.length > 0
        ? { grants: grants.map(({ level, approval, max_duration }) => ({ level, approval, max_duration })) }
        : {}),
    }));
  }
  if (values.data_quality && values.data_quality.length > 0) {
    out.data_quality = values.data_quality.map(({ metric, threshold, enforcement }) => ({
      metric,
      threshold: `${threshold}%`,
      enforcement,
    }));
  }
  if (values.compliance && values.compliance.length > 0) {
    out.compliance = values.compliance.map(({ regulation, requirements }) => ({
      regulation,
      requirements: Object.entries(requirements).map(([name, applies]) => ({ [name]: applies })),
    }));
  }
  return out;
}

function qualityToWire(q: QualityRequirements): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of QUALITY_REQUIREMENT_KEYS) if (q[key] !== undefined) out[key] = q[key];
  return out;
}

const FLOW_LISTS = new Set(["permissions", "data_access", "locked"]);

function stringify(value: Record<string, unknown>): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (key === "description" && isScalar(pair.value)) pair.value.type = "QUOTE_DOUBLE";
      if (typeof key === "string" && FLOW_LISTS.has(key) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function parseWith<S extends z.ZodType>(text: string, schema: S, extra?: (value: z.output<S>) => PolicyIssue[]): YamlResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: "", message: `YAML syntax: ${e.message}`, ...positionOf(lineCounter, e.pos[0]) })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // Alias bombs and aliases to anchors that do not exist are refused by toJS with an exception.
    return { ok: false, issues: [{ path: "", message: `YAML could not be read: ${(e as Error).message}`, line: 1, column: 1 }] };
  }
  if (data === null || data === undefined)
    return { ok: false, issues: [{ path: "", message: "the document is empty", line: 1, column: 1 }] };
  const parsed = schema.safeParse(data);
  const issues = parsed.success ? (extra?.(parsed.data) ?? []) : issuesFromZod(parsed.error);
  if (parsed.success && issues.length === 0) return { ok: true, value: parsed.data };
  const located = issues.map((issue) => ({ ...issue, ...positionAt({ doc, lineCounter }, parsePath(issue.path)) }));
  // Top-to-bottom, the order an author reads the file in.
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, issues: located };
}

/** "spec.access_control[1].role" → ["spec", "access_control", 1, "role"]. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** "spec.data_quality[0].threshold (line 42): must be a percentage between 0 and 100 (got 150)". */
export function formatIssue(issue: PolicyIssue): string {
  const where = issue.line !== undefined ? ` (line ${issue.line})` : "";
  return `${issue.path || "document"}${where}: ${issue.message}`;
}
