// Checks documents against the official JSON Schemas (ODCS v3.1.0 and v3.0.x, ODPS v1.0.0), compiled once
// with Ajv's draft 2019-09 class as upstream's own CI does. Pure: the schemas are data files in this folder.
import Ajv2019, { type ErrorObject, type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import odcs310 from "./standards/odcs-json-schema-v3.1.0.json";
import odcs302 from "./standards/odcs-json-schema-v3.0.2.json";
import odcs301 from "./standards/odcs-json-schema-v3.0.1.json";
import odcs300 from "./standards/odcs-json-schema-v3.0.0.json";
import odps100 from "./standards/odps-json-schema-v1.0.0.json";

export type SchemaProblem = { path: (string | number)[]; message: string };
export type SchemaName = "odcs-v3.1.0" | "odcs-v3.0.2" | "odcs-v3.0.1" | "odcs-v3.0.0" | "odps-v1.0.0";

const SOURCES: Record<SchemaName, object> = {
  "odcs-v3.1.0": odcs310,
  "odcs-v3.0.2": odcs302,
  "odcs-v3.0.1": odcs301,
  "odcs-v3.0.0": odcs300,
  "odps-v1.0.0": odps100,
};

const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    // One Ajv per schema: the ODCS versions share $id-less $defs names that one instance would mix up.
    const ajv = new Ajv2019({ allErrors: false, strict: false });
    addFormats(ajv);
    fn = ajv.compile(SOURCES[name]);
    compiled.set(name, fn);
  }
  return fn;
}

function pathOf(error: ErrorObject): (string | number)[] {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const extra = error.params as { missingProperty?: string; unevaluatedProperty?: string; additionalProperty?: string };
  const key = extra.unevaluatedProperty ?? extra.additionalProperty;
  return key !== undefined ? [...segments, key] : segments;
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `${String(p.missingProperty)} is required here`;
  if (error.keyword === "unevaluatedProperties" || error.keyword === "additionalProperties") return "this key is not allowed here";
  if (error.keyword === "enum") return `must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
  return error.message ?? "is not valid";
}

/** The first problem (Ajv stops at it), or null when the document is valid. */
export function schemaProblem(name: SchemaName, document: unknown): SchemaProblem | null {
  const fn = validator(name);
  if (fn(document)) return null;
  const errors = fn.errors ?? [];
  // if/then and oneOf report their branch failures after the real cause; the deepest path is the most useful.
  const best = [...errors].sort((a, b) => pathOf(b).length - pathOf(a).length)[0];
  return best ? { path: pathOf(best), message: describe(best) } : { path: [], message: "is not valid" };
}

/** The official schema for an ODCS apiVersion (unknown versions are checked against v3.1.0). */
export function odcsSchemaFor(apiVersion: unknown): SchemaName {
  if (apiVersion === "v3.0.2" || apiVersion === "v3.0.1" || apiVersion === "v3.0.0") return `odcs-${apiVersion}`;
  return "odcs-v3.1.0";
}
