// Imports a product document — the seed's DataProduct YAML, an ODCS v3.0.x/v3.1.0 data contract or an ODPS
// v1.0.0 product document: a new product is registered, an existing one (same contract id, or same domain and
// name) gets a new version, in one transaction. `previewImport` says what an import would do without writing.
import "server-only";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { IMPORT_TOO_LARGE, IMPORT_TOO_LARGE_FIELD, MAX_IMPORT_BYTES, documentBytes } from "./import-limits";
import { type ProductIssue } from "@/lib/products/yaml";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import { completeProjection, type ImportNote } from "@/lib/products/contract/project";
import { IMPORT_FORMATS, readImportDocument, type ImportFormat, type ImportRead } from "@/lib/products/contract/read-document";
import type { DataProductSpec } from "@/lib/products/types";

export { IMPORT_FORMATS, type ImportFormat };
export { detectFormat } from "@/lib/products/contract/read-document";

export type ImportChoices = { domain?: string; owner?: string };
export type ImportResult = { action: "registered" | "versioned"; domain: string; name: string; version: string };
export type ImportPreview = {
  format: "yaml" | "odcs" | "odps";
  action: "register" | "version";
  name: string;
  domain: string | null;
  owner: string | null;
  version: string;
  contractId: string | null;
  datasets: { name: string; physicalType: string | null; properties: number }[];
  notes: ImportNote[];
  missing: ("domain" | "owner")[];
  /** The owner the document names when it is not one the portal can use as is (a username). */
  declaredOwner: string | null;
};

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

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Reads the caller's fields as any caller sends them; refuses an empty or oversized document. */
function readInput(document: unknown, formatInput: unknown, choicesInput: unknown) {
  const source = typeof document === "string" ? document : "";
  const format: ImportFormat = (IMPORT_FORMATS as readonly unknown[]).includes(formatInput) ? (formatInput as ImportFormat) : "auto";
  const raw = (typeof choicesInput === "object" && choicesInput !== null ? choicesInput : {}) as Record<string, unknown>;
  const choices: ImportChoices = { domain: text(raw.domain), owner: text(raw.owner) };
  if (!source.trim()) throw new ValidationError("The document is empty.", { document: ["Paste or upload a YAML or JSON document."] });
  if (documentBytes(source) > MAX_IMPORT_BYTES) throw new ValidationError(IMPORT_TOO_LARGE, { document: [IMPORT_TOO_LARGE_FIELD] });
  return { source, format, choices };
}

function readOrThrow(source: string, format: ImportFormat, choices: ImportChoices): Extract<ImportRead, { ok: true }> {
  const read = readImportDocument(source, format, choices);
  if (!read.ok) {
    if (read.unknownKind) throw new ValidationError("Unknown document type.", { kind: [read.errors[0].message] });
    const label = { yaml: "YAML document", odcs: "ODCS contract", odps: "ODPS product document" }[read.format];
    throw new ValidationError(`The ${label} has ${read.errors.length} problem(s).`, issuesToFieldErrors(read.errors));
  }
  return read;
}

/**
 * Where the document goes: the product holding its contract id, else the product of that name in the
 * domain. A domain the document names that the portal does not have counts as not named.
 */
async function resolveTarget(read: Extract<ImportRead, { ok: true }>) {
  const spec = read.projection.spec;
  if (read.contract) {
    const holder = await db.dataProduct.findUnique({
      where: { contractId: read.contract.id },
      select: { name: true, owner: true, domain: { select: { slug: true } } },
    });
    if (holder) return { exists: true, domain: holder.domain.slug, name: holder.name, owner: spec.owner ?? holder.owner };
  }
  let domain = spec.domain ?? null;
  if (domain && !(await db.domain.findUnique({ where: { slug: domain }, select: { id: true } }))) {
    read.projection.notes.push({ kind: "defaulted", path: "domain", message: `The portal has no domain ${domain}; choose one.` });
    domain = null;
  }
  const exists = domain ? (await db.dataProduct.count({ where: { name: spec.name, domain: { slug: domain } } })) > 0 : false;
  let owner = spec.owner ?? null;
  // A contract's owner is often a username: a member of the domain whose e-mail starts with it is that person.
  if (!owner && domain && read.projection.declaredOwner && /^[\w.+-]+$/.test(read.projection.declaredOwner)) {
    const member = await db.domainMembership.findFirst({
      where: { domain: { slug: domain }, user: { email: { startsWith: `${read.projection.declaredOwner}@`, mode: "insensitive" } } },
      select: { user: { select: { email: true } } },
    });
    if (member) {
      owner = member.user.email;
      read.projection.notes.push({
        kind: "adapted",
        path: "team",
        message: `Team member ${read.projection.declaredOwner} is the portal user ${owner}.`,
      });
    }
  }
  return { exists, domain, name: spec.name, owner };
}

/**
 * A document as any caller sends it → the spec it would import as, or a ValidationError listing its problems by
 * path and line (the API's validate and apply routes). `defaults` ({ domain, owner }, the API's ?domain=&owner=)
 * fill what the document does not name. Pure: which product a contract id belongs to is the import's business.
 */
export function parseProductDocument(
  document: unknown,
  formatInput: unknown = "auto",
  defaults: unknown = {},
): { spec: DataProductSpec; format: "yaml" | "odcs" | "odps" } {
  const { source, format, choices } = readInput(document, formatInput, defaults);
  const read = readOrThrow(source, format, choices);
  const missing = read.projection.missing;
  if (missing.length > 0) {
    throw new ValidationError("Choose where the product goes.", {
      ...(missing.includes("domain") ? { domain: ["The document names no domain; pass one."] } : {}),
      ...(missing.includes("owner") ? { owner: ["The document names no owner e-mail; pass one."] } : {}),
    });
  }
  const checked = completeProjection(read.projection);
  if (!checked.success)
    throw new ValidationError("The product could not be created.", {
      document: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  return { spec: checked.data, format: read.format };
}

export async function previewImport(
  user: CurrentUser,
  document: unknown,
  formatInput: unknown = "auto",
  choicesInput: unknown = {},
): Promise<ImportPreview> {
  const { source, format, choices } = readInput(document, formatInput, choicesInput);
  // It reads only what the catalog shows any signed-in user (which product holds a contract, domain members).
  await assertCan(user, "readCatalog", [], { message: "Please sign in." });
  const read = readOrThrow(source, format, choices);
  const target = await resolveTarget(read);
  const missing = [...(target.domain ? [] : (["domain"] as const)), ...(target.owner ? [] : (["owner"] as const))];
  return {
    format: read.format,
    action: target.exists ? "version" : "register",
    name: target.name,
    domain: target.domain,
    owner: target.owner,
    version: read.projection.spec.version,
    contractId: read.contract?.id ?? null,
    datasets: read.datasets,
    notes: read.projection.notes,
    missing,
    declaredOwner: read.projection.declaredOwner ?? null,
  };
}

/**
 * `document`, `format`, `changeNote` and `choices` ({ domain, owner } picked on the import page) as any caller
 * sends them: a format this does not know means "auto", a missing document is an empty one.
 */
export async function importProduct(
  user: CurrentUser,
  document: unknown,
  formatInput: unknown = "auto",
  changeNoteInput?: unknown,
  choicesInput: unknown = {},
): Promise<ImportResult> {
  const { source, format, choices } = readInput(document, formatInput, choicesInput);
  const changeNote = typeof changeNoteInput === "string" ? changeNoteInput.trim() : undefined;
  const read = readOrThrow(source, format, choices);
  const target = await resolveTarget(read);
  if (!target.domain || !target.owner) {
    throw new ValidationError("Choose where the product goes.", {
      ...(target.domain ? {} : { domain: ["The document names no domain of this portal; choose one."] }),
      ...(target.owner ? {} : { owner: ["The document names no owner the portal knows; choose one of the domain's members."] }),
    });
  }
  const checked = completeProjection({
    ...read.projection,
    spec: { ...read.projection.spec, domain: target.domain, owner: target.owner, name: target.name },
  });
  if (!checked.success) {
    // Only the domain and owner can make a projection fail (project.ts adapts the rest); say which.
    throw new ValidationError("The product could not be created.", {
      document: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  }
  const spec: DataProductSpec = checked.data;
  const label = { yaml: "YAML", odcs: "ODCS", odps: "ODPS" }[read.format];
  const notes = read.projection.notes;
  if (target.exists) {
    const r = await saveProductVersion(user, {
      domain: spec.domain,
      name: spec.name,
      spec,
      changeNote,
      defaultNote: `Imported (${label})`,
      ...(read.contract ? { contract: read.contract } : {}),
      importNotes: notes,
    });
    return { action: "versioned", domain: spec.domain, name: spec.name, version: r.version };
  }
  const created = await registerProduct(user, spec, {
    templateKey: spec.template?.key,
    changeNote: changeNote || `Imported (${label})`,
    contract: read.contract,
    importNotes: notes,
    allowNoFields: read.format === "odps",
  });
  return { action: "registered", domain: created.domain, name: created.name, version: spec.version };
}
