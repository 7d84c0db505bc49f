// Imports a product document (the seed's DataProduct YAML or an ODCS v3.1 data contract): a new name
// registers a product, an existing one saves a new version. Either way in one transaction.
import "server-only";
import { parse as parseYamlLoose } from "yaml";
import type { CurrentUser } from "@/lib/auth/server";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { IMPORT_TOO_LARGE, IMPORT_TOO_LARGE_FIELD, MAX_IMPORT_BYTES, documentBytes } from "./import-limits";
import { parseProductYaml, type ProductIssue } from "@/lib/products/yaml";
import { parseOdcs, type OdcsImportDefaults } from "@/lib/products/odcs";
import type { DataProductSpec } from "@/lib/products/types";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";

export const IMPORT_FORMATS = ["auto", "yaml", "odcs"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportResult = { action: "registered" | "versioned"; domain: string; name: string; version: string };

/** Which format a document is, from its apiVersion/kind; null when neither fits. */
export function detectFormat(text: string): "yaml" | "odcs" | null {
  let doc: unknown;
  try {
    doc = parseYamlLoose(text, { maxAliasCount: 100, logLevel: "error" });
  } catch {
    return "yaml"; // let the YAML parser report the syntax error with its line
  }
  if (typeof doc !== "object" || doc === null) return null;
  const { kind, apiVersion } = doc as { kind?: unknown; apiVersion?: unknown };
  if (kind === "DataContract" || (typeof apiVersion === "string" && apiVersion.startsWith("v3"))) return "odcs";
  if (kind === "DataProduct") return "yaml";
  return null;
}

export function issuesToFieldErrors(issues: ProductIssue[]): Record<string, string[]> {
  // A Map, not `out[path] ??= []`: paths come from the document, and for a key such as "constructor" or
  // "__proto__" a plain object already "has" a value (its prototype's), so .push would throw.
  const out = new Map<string, string[]>();
  for (const i of issues) {
    const key = i.path || "document";
    const list = out.get(key) ?? [];
    list.push(i.line ? `line ${i.line}: ${i.message}` : i.message);
    out.set(key, list);
  }
  return Object.fromEntries(out);
}

/**
 * A document as any caller sends it → the spec, or a ValidationError listing its problems by path and
 * line. `defaults` fill in an ODCS contract's missing domain and owner (the API's ?domain=&owner=).
 */
export function parseProductDocument(
  document: unknown,
  formatInput: unknown = "auto",
  defaults: OdcsImportDefaults = {},
): { spec: DataProductSpec; format: "yaml" | "odcs" } {
  const text = typeof document === "string" ? document : "";
  const format: ImportFormat = (IMPORT_FORMATS as readonly unknown[]).includes(formatInput) ? (formatInput as ImportFormat) : "auto";
  if (!text.trim()) throw new ValidationError("The document is empty.", { document: ["Paste or upload a YAML document."] });
  if (documentBytes(text) > MAX_IMPORT_BYTES) throw new ValidationError(IMPORT_TOO_LARGE, { document: [IMPORT_TOO_LARGE_FIELD] });
  const resolved = format === "auto" ? detectFormat(text) : format;
  if (!resolved) {
    throw new ValidationError("Unknown document type.", {
      kind: ["Expected `kind: DataProduct` (apiVersion v1) or an ODCS `kind: DataContract` (apiVersion v3.x)."],
    });
  }
  const parsed = resolved === "odcs" ? parseOdcs(text, defaults) : parseProductYaml(text);
  if (!parsed.ok)
    throw new ValidationError(
      `The ${resolved === "odcs" ? "ODCS contract" : "YAML document"} has ${parsed.errors.length} problem(s).`,
      issuesToFieldErrors(parsed.errors),
    );
  return { spec: parsed.spec, format: resolved };
}

/**
 * `document`, `format` and `changeNote` as any caller sends them (the import form's fields, a script):
 * a format this does not know means "auto", a missing document is an empty one.
 */
export async function importProduct(
  user: CurrentUser,
  document: unknown,
  formatInput: unknown = "auto",
  changeNoteInput?: unknown,
  defaults: OdcsImportDefaults = {},
): Promise<ImportResult> {
  const changeNote = typeof changeNoteInput === "string" ? changeNoteInput.trim() : undefined;
  const { spec, format: resolved } = parseProductDocument(document, formatInput, defaults);
  const exists = await db.dataProduct.findFirst({ where: { name: spec.name, domain: { slug: spec.domain } }, select: { id: true } });
  if (exists) {
    const r = await saveProductVersion(user, {
      domain: spec.domain,
      name: spec.name,
      spec,
      changeNote,
      defaultNote: `Imported (${resolved === "odcs" ? "ODCS" : "YAML"})`,
    });
    return { action: "versioned", domain: spec.domain, name: spec.name, version: r.version };
  }
  const created = await registerProduct(user, spec, { templateKey: spec.template?.key, changeNote: changeNote || "Imported" });
  return { action: "registered", domain: created.domain, name: created.name, version: spec.version };
}
