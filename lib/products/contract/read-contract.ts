// Reads an ODCS v3.0.x / v3.1.0 contract (YAML or JSON text, or a parsed object): checked against the official
// schema of its apiVersion, normalised to v3.1.0 and projected to the portal's spec. Problems name the path
// and line of the first one; a contract the official schema accepts is never refused here.
import { positionAt, type YamlSource } from "@/lib/yaml-position";
import { formatPath, readYaml, type ProductIssue } from "@/lib/products/yaml";
import { plain } from "@/lib/products/odcs";
import { isRecord, normalizeContract } from "./normalize";
import { projectContract, type ImportNote, type ProjectChoices, type Projection } from "./project";
import { odcsSchemaFor, schemaProblem } from "./validate";
import { qualityRuleProblems } from "./quality-rules";
import type { OdcsContract } from "./types";

export type ContractRead =
  { ok: true; contract: OdcsContract; projection: Projection; sourceApiVersion: string } | { ok: false; errors: ProductIssue[] };

/** Where the document's source positions come from: parsed already, or (JSON read fast) only when a problem needs a line. */
export type Locate = () => YamlSource | undefined;

function issue(locate: Locate, path: (string | number)[], message: string): ProductIssue {
  const source = locate();
  const line = source ? positionAt(source, path)?.line : undefined;
  return { path: formatPath(path), ...(line !== undefined ? { line } : {}), message };
}

/**
 * Parses YAML or JSON text once. JSON (what APIs and bulk loads send) is read with JSON.parse, and the YAML parser
 * only runs to find a line when there is a problem to report.
 */
export function parseText(text: string): { ok: true; value: unknown; locate: Locate } | { ok: false; errors: ProductIssue[] } {
  if (/^\s*\{/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      let source: YamlSource | undefined;
      return {
        ok: true,
        value,
        locate: () => {
          if (!source) {
            const read = readYaml(text);
            source = read.ok ? read.source : undefined;
          }
          return source;
        },
      };
    } catch {
      // Not strict JSON (comments, trailing commas): YAML reads it, or says where it fails.
    }
  }
  const read = readYaml(text);
  if (!read.ok) return read;
  return { ok: true, value: read.value, locate: () => read.source };
}

/** The raw document (parsed) checked against its official ODCS schema; the first problem otherwise. */
export function checkOdcs(
  value: unknown,
  locate: Locate = () => undefined,
): { ok: true; doc: Record<string, unknown>; notes: ImportNote[] } | { ok: false; errors: ProductIssue[] } {
  if (!isRecord(value) || value.kind !== "DataContract") {
    return {
      ok: false,
      errors: [issue(locate, isRecord(value) ? ["kind"] : [], "This is not an ODCS data contract: expected kind: DataContract")],
    };
  }
  const own = odcsSchemaFor(value.apiVersion);
  const problem = schemaProblem(own, value);
  const notes: ImportNote[] = [];
  if (problem) {
    // Several published v3.0.x contracts only validate against v3.1.0 (the 3.0.2 schema lagged the text);
    // a contract either schema accepts is taken.
    if (own === "odcs-v3.1.0" || schemaProblem("odcs-v3.1.0", value) !== null) {
      return {
        ok: false,
        errors: [
          issue(
            locate,
            problem.path,
            `Not valid ODCS ${plain(value.apiVersion)}: ${formatPath(problem.path) || "the document"} ${problem.message}`,
          ),
        ],
      };
    }
  }
  // A v3.1.0 document that passed its own schema needs no second check: normalising changes nothing in it.
  const unchanged = own === "odcs-v3.1.0" && !problem && !Array.isArray(value.team);
  const after = unchanged ? null : schemaProblem("odcs-v3.1.0", normalizeContract(value));
  if (after) {
    notes.push({
      kind: "adapted",
      path: formatPath(after.path),
      message: `Valid ODCS ${plain(value.apiVersion)} but not valid v3.1.0 (${after.message}); it is kept as declared and its v3.1 export will not validate.`,
    });
  }
  return { ok: true, doc: value, notes };
}

export function readContract(input: string | object, choices: ProjectChoices = {}): ContractRead {
  if (typeof input !== "string") return readContractValue(input, () => undefined, choices);
  const parsed = parseText(input);
  return parsed.ok ? readContractValue(parsed.value, parsed.locate, choices) : parsed;
}

export function readContractValue(value: unknown, locate: Locate, choices: ProjectChoices = {}): ContractRead {
  const checked = checkOdcs(value, locate);
  if (!checked.ok) return checked;
  const contract = normalizeContract(checked.doc);
  // Quality rules the monitor could not run safely (an invalid pattern, an sql rule that is not one SELECT).
  const ruleProblems = qualityRuleProblems(contract);
  if (ruleProblems.length > 0)
    return { ok: false, errors: ruleProblems.map((p) => issue(locate, p.path, `Quality rule ${formatPath(p.path)}: ${p.message}.`)) };
  const projection = projectContract(contract, choices);
  projection.notes.unshift(...checked.notes);
  if (checked.doc.apiVersion !== contract.apiVersion) {
    projection.notes.unshift({
      kind: "adapted",
      path: "apiVersion",
      message: `ODCS ${String(checked.doc.apiVersion)} is stored and exported as v3.1.0.`,
    });
  }
  if (Array.isArray(checked.doc.team)) {
    projection.notes.unshift({ kind: "adapted", path: "team", message: "The v3.0 team list is stored in the v3.1 form team.members." });
  }
  return { ok: true, contract, projection, sourceApiVersion: String(checked.doc.apiVersion) };
}
