// The seed's `kind: DataProduct` YAML ⇄ DataProductSpec. Format decisions (the seed leaves them open):
// - `metadata.namespace` is `<domain>-domain`; on import a bare `sales` is accepted too.
// - `spec.classification` (default "internal" when absent, as in the seed's own example); on import
//   `metadata.labels.classification` is read when `spec.classification` is missing.
// - `spec.tags` (omitted when empty), `spec.governance` and `spec.template` (omitted when unset).
// - every schema field carries `required` and `pii`; both default to false when absent (the seed has neither).
// - `spec.slo` keeps the seed's text: `availability: 99.9%`, `latency: "< 100ms"`, `freshness: "< 1 hour"`.
// - `spec.lineage` defaults to empty lists when absent.
import { Document, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { positionAt, positionOf, type YamlSource } from "@/lib/yaml-position";
import { productSpecSchema } from "@/lib/products/schema";
import type { DataProductSpec } from "@/lib/products/types";
import { formatSloDuration, parseSloDuration } from "@/lib/duration";

export type ProductIssue = { path: string; line?: number; message: string };
export type ParseResult = { ok: true; spec: DataProductSpec } | { ok: false; errors: ProductIssue[] };
export type YamlPath = (string | number)[];

export const DEFAULT_CLASSIFICATION = "internal" as const;
const NAMESPACE_SUFFIX = "-domain";

/** "99.9%", "99.9 %" or a bare 99.9; NaN when it is not a percentage. */
export function parsePercent(input: unknown): number {
  if (typeof input === "number") return input;
  if (typeof input !== "string" || input.trim() === "") return Number.NaN;
  return Number(input.trim().replace(/\s*%$/, ""));
}

// ---------------------------------------------------------------------------------------------------
// YAML source with positions (lib/yaml-position.ts), shared with the ODCS importer.

const SYNTAX_MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS: "The file holds more than one document (---); put one product per file",
  DUPLICATE_KEY: "A key appears twice in the same block",
  TAB_AS_INDENT: "Indent with spaces, not tabs",
};

/** Parses YAML (or JSON) text, turning syntax errors into issues that point at a line. */
export function readYaml(text: string): { ok: true; source: YamlSource; value: unknown } | { ok: false; errors: ProductIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: "error" });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => ({
      path: "",
      line: positionOf(lineCounter, error.pos[0]).line,
      message: `YAML syntax error: ${SYNTAX_MESSAGES[error.code] ?? error.message}`,
    }));
    return { ok: false, errors };
  }
  try {
    return { ok: true, source: { doc, lineCounter }, value: doc.toJS() };
  } catch (error) {
    // toJS refuses alias bombs (too many anchors/aliases); report instead of throwing.
    return { ok: false, errors: [{ path: "", message: `The YAML could not be read: ${(error as Error).message}` }] };
  }
}

/** `["spec", "schema", 2, "type"]` → `spec.schema[2].type`. */
export function formatPath(path: YamlPath): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === "number") return `${out}[${segment}]`;
    return out === "" ? segment : `${out}.${segment}`;
  }, "");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Issues with document paths; identical repeats are dropped. */
export class IssueList {
  private readonly items: { path: YamlPath; message: string }[] = [];
  add(path: YamlPath, message: string) {
    const key = formatPath(path);
    if (!this.items.some((item) => formatPath(item.path) === key && item.message === message)) this.items.push({ path, message });
  }
  /** Paths reported so far: schema errors on these are skipped, the mapping already explained them better. */
  paths(): Set<string> {
    return new Set(this.items.map((item) => formatPath(item.path)));
  }
  get size() {
    return this.items.length;
  }
  toIssues(source?: YamlSource): ProductIssue[] {
    const issues = this.items.map(({ path, message }) => ({
      path: formatPath(path),
      ...(source ? { line: positionAt(source, path)?.line } : {}),
      message,
    }));
    // In document order, so a user can fix them top to bottom.
    return issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  }
}

// Unknown keys are reported rather than ignored: a typo such as `requried: true` would otherwise be lost.
export function checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: YamlPath, issues: IssueList) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) issues.add([...path, key], `Unknown key ${key}; expected one of ${allowed.join(", ")}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// DataProduct document → spec

const TOP_KEYS = ["apiVersion", "kind", "metadata", "spec"];
const METADATA_KEYS = ["name", "namespace", "labels", "annotations"];
const SPEC_KEYS = [
  "owner",
  "version",
  "description",
  "classification",
  "tags",
  "schema",
  "slo",
  "access",
  "lineage",
  "governance",
  "template",
];
const FIELD_KEYS = ["name", "type", "description", "required", "pii"];
const SLO_KEYS = ["availability", "latency", "freshness"];

function domainFromNamespace(namespace: unknown): unknown {
  if (typeof namespace !== "string") return namespace;
  return namespace.endsWith(NAMESPACE_SUFFIX) ? namespace.slice(0, -NAMESPACE_SUFFIX.length) : namespace;
}

function readField(field: unknown, path: YamlPath, issues: IssueList): unknown {
  if (!isRecord(field)) return field;
  checkKeys(field, FIELD_KEYS, path, issues);
  return {
    name: field.name,
    type: field.type,
    description: field.description ?? "",
    required: field.required ?? false,
    pii: field.pii ?? false,
  };
}

function readSlo(slo: unknown, issues: IssueList): unknown {
  if (!isRecord(slo)) return slo;
  checkKeys(slo, SLO_KEYS, ["spec", "slo"], issues);
  const read = (key: string, parse: (value: unknown) => number | null, example: string) => {
    if (slo[key] === undefined || slo[key] === null) return undefined; // the schema says it is required
    const value = parse(slo[key]);
    if (value === null || Number.isNaN(value)) issues.add(["spec", "slo", key], example);
    return value ?? undefined;
  };
  return {
    availability: read("availability", parsePercent, "Availability must be a percentage like 99.9%"),
    latencyMs: read("latency", (v) => parseSloDuration(v, "ms"), 'Latency must look like "< 100ms" or "< 2 s"'),
    freshnessMinutes: read("freshness", (v) => parseSloDuration(v, "min"), 'Freshness must look like "< 1 hour" or "30 minutes"'),
  };
}

function readDocument(root: unknown, issues: IssueList): Record<string, unknown> | null {
  if (!isRecord(root)) {
    issues.add([], "The file must describe a data product: apiVersion, kind, metadata and spec");
    return null;
  }
  checkKeys(root, TOP_KEYS, [], issues);
  if (root.apiVersion !== "v1") issues.add(["apiVersion"], "apiVersion must be v1");
  if (root.kind !== "DataProduct") issues.add(["kind"], "kind must be DataProduct");
  const metadata = isRecord(root.metadata) ? root.metadata : {};
  const spec = isRecord(root.spec) ? root.spec : {};
  if (!isRecord(root.metadata)) issues.add(["metadata"], "metadata with a name and namespace is required");
  if (!isRecord(root.spec)) issues.add(["spec"], "spec is required");
  checkKeys(metadata, METADATA_KEYS, ["metadata"], issues);
  checkKeys(spec, SPEC_KEYS, ["spec"], issues);
  // YAML reads an unquoted 1.0 as a number, which would otherwise get a puzzling "must be text".
  if (typeof spec.version === "number") issues.add(["spec", "version"], 'Version must look like 1.2.3; write it in quotes, like "1.0.0"');

  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const lineage = spec.lineage ?? { sources: [], transformations: [] };
  return {
    name: metadata.name,
    domain: domainFromNamespace(metadata.namespace),
    owner: spec.owner,
    version: spec.version,
    description: spec.description,
    classification: spec.classification ?? labels.classification ?? DEFAULT_CLASSIFICATION,
    schema: Array.isArray(spec.schema) ? spec.schema.map((f, i) => readField(f, ["spec", "schema", i], issues)) : spec.schema,
    slo: readSlo(spec.slo, issues),
    access: spec.access ?? [],
    lineage: isRecord(lineage) ? { sources: lineage.sources ?? [], transformations: lineage.transformations ?? [] } : lineage,
    tags: spec.tags ?? [],
    ...(spec.governance !== undefined ? { governance: spec.governance } : {}),
    ...(spec.template !== undefined ? { template: spec.template } : {}),
  };
}

/** Where a spec property lives in the document, so schema errors name the key the user wrote. */
function documentPath(specPath: readonly PropertyKey[], root: Record<string, unknown>): YamlPath {
  const path = specPath.map((segment) => (typeof segment === "number" ? segment : String(segment)));
  const [head, ...rest] = path;
  if (head === "name") return ["metadata", "name"];
  if (head === "domain") return ["metadata", "namespace"];
  if (head === "slo" && rest[0] === "latencyMs") return ["spec", "slo", "latency"];
  if (head === "slo" && rest[0] === "freshnessMinutes") return ["spec", "slo", "freshness"];
  const spec = isRecord(root.spec) ? root.spec : {};
  if (head === "classification" && spec.classification === undefined) return ["metadata", "labels", "classification"];
  return ["spec", ...path];
}

/** Parses a `kind: DataProduct` document. Errors carry the document path and, when known, the line. */
export function parseProductYaml(text: string): ParseResult {
  const read = readYaml(text);
  if (!read.ok) return read;
  const issues = new IssueList();
  const candidate = readDocument(read.value, issues);
  if (candidate === null) return { ok: false, errors: issues.toIssues(read.source) };
  const parsed = productSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    const root = read.value as Record<string, unknown>;
    const covered = issues.paths();
    for (const issue of parsed.error.issues) {
      const path = documentPath(issue.path, root);
      if (!covered.has(formatPath(path))) issues.add(path, issue.message);
    }
  }
  if (issues.size > 0 || !parsed.success) return { ok: false, errors: issues.toIssues(read.source) };
  return { ok: true, spec: parsed.data };
}

// ---------------------------------------------------------------------------------------------------
// spec → DataProduct document

/** Writes the seed's format; `parseProductYaml(toProductYaml(spec))` gives `spec` back. */
export function toProductYaml(spec: DataProductSpec): string {
  const body = {
    apiVersion: "v1",
    kind: "DataProduct",
    metadata: { name: spec.name, namespace: `${spec.domain}${NAMESPACE_SUFFIX}` },
    spec: {
      owner: spec.owner,
      version: spec.version,
      description: spec.description,
      classification: spec.classification,
      ...(spec.tags.length > 0 ? { tags: spec.tags } : {}),
      schema: spec.schema.map((f) => ({ name: f.name, type: f.type, description: f.description, required: f.required, pii: f.pii })),
      slo: {
        availability: `${spec.slo.availability}%`,
        latency: formatSloDuration(spec.slo.latencyMs, "ms"),
        freshness: formatSloDuration(spec.slo.freshnessMinutes, "min"),
      },
      access: spec.access.map((grant) => ({ role: grant.role, permissions: grant.permissions })),
      lineage: { sources: spec.lineage.sources, transformations: spec.lineage.transformations },
      ...(spec.governance ? { governance: spec.governance } : {}),
      ...(spec.template ? { template: spec.template } : {}),
    },
  };
  // compat: quote strings that YAML 1.1 readers (PyYAML, many CI tools) would take for booleans ("on", "yes").
  const doc = new Document(body, { compat: "yaml-1.1" });
  const quote = (path: YamlPath) => {
    const node = doc.getIn(path, true);
    if (isScalar(node)) node.type = "QUOTE_DOUBLE";
  };
  const flow = (path: YamlPath) => {
    const node = doc.getIn(path, true);
    if (isSeq(node)) node.flow = true;
  };
  // Same look as the seed: quoted version, description and SLO text, `permissions: [read, write]`.
  quote(["spec", "version"]);
  quote(["spec", "description"]);
  quote(["spec", "slo", "latency"]);
  quote(["spec", "slo", "freshness"]);
  spec.schema.forEach((_, i) => quote(["spec", "schema", i, "description"]));
  spec.access.forEach((_, i) => flow(["spec", "access", i, "permissions"]));
  flow(["spec", "tags"]);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
