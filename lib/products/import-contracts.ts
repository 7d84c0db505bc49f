// Bulk registration of contracts (the batch API, `meshport apply` with several files, the import page with several
// files, the benchmark): one validation pass over the batch (schema and model, then governance against each domain's
// effective policy), one permission decision per domain, one transaction with a handful of multi-row INSERTs for all
// new products and their first validation. Contracts whose id or name the portal already holds are not part of the
// batch: they become new versions one by one through importProduct, after the batch commits.
import "server-only";
import { randomUUID } from "node:crypto";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { db } from "@/lib/db";
import { evaluate, loadPolicyContexts, storeFirstValidations, summarize, validateAfterChange } from "@/lib/governance/server";
import type { ComplianceStatus } from "@/lib/governance";
import { bulkInsert, type Columns } from "@/lib/sql";
import { AppError, ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { recordMetricEvents } from "@/lib/metrics/server";
import { catalogChanged } from "@/lib/products/catalog-cache";
import { completeProjection } from "@/lib/products/contract/project";
import { readImportDocument } from "@/lib/products/contract/read-document";
import { importProduct, issuesToFieldErrors, type ImportResult } from "@/lib/products/import-product";
import { fieldRows, productColumns } from "@/lib/products/persist-spec";
import { assertOwnerAllowed } from "@/lib/products/product-owner";
import { MAX_BATCH_DOCUMENTS } from "@/lib/products/import-limits";
import type { OdcsContract } from "@/lib/products/contract/types";
import type { DataProductSpec } from "@/lib/products/types";

export const MAX_BATCH = MAX_BATCH_DOCUMENTS;

const PRODUCT_COLUMNS: Columns = [
  ["id", "uuid"],
  ["domain_id", "uuid"],
  ["name", "text"],
  ["owner", "text"],
  ["description", "text"],
  ["classification", '"Classification"'],
  ["lifecycle", '"Lifecycle"'],
  ["current_version", "text"],
  ["tags", "text[]"],
  ["spec", "jsonb"],
  ["contract", "jsonb"],
  ["contract_id", "text"],
  ["rule_inputs", "jsonb"],
  ["field_names", "text"],
  ["compliance_status", '"ComplianceStatus"'],
  ["compliance_errors", "int"],
  ["compliance_warnings", "int"],
  ["validated_at", "timestamp(3)"],
  ["created_by_id", "uuid"],
  ["updated_at", "timestamp(3)"],
];
const VERSION_COLUMNS: Columns = [
  ["product_id", "uuid"],
  ["version", "text"],
  ["spec", "jsonb"],
  ["contract", "jsonb"],
  ["import_notes", "jsonb"],
  ["change_note", "text"],
  ["created_by_id", "uuid"],
];
const FIELD_COLUMNS: Columns = [
  ["product_id", "uuid"],
  ["position", "int"],
  ["name", "text"],
  ["type", "text"],
  ["description", "text"],
  ["required", "boolean"],
  ["pii", "boolean"],
];
const DATASET_COLUMNS: Columns = [
  ["product_id", "uuid"],
  ["position", "int"],
  ["name", "text"],
  ["physical_name", "text"],
  ["physical_type", "text"],
  ["description", "text"],
  ["property_count", "int"],
];
const PROPERTY_COLUMNS: Columns = [
  ["product_id", "uuid"],
  ["dataset_position", "int"],
  ["position", "int"],
  ["path", "text"],
  ["depth", "int"],
  ["name", "text"],
  ["logical_type", "text"],
  ["physical_type", "text"],
  ["required", "boolean"],
  ["unique", "boolean"],
  ["primary_key", "boolean"],
  ["classification", "text"],
  ["pii", "boolean"],
  ["critical_data_element", "boolean"],
  ["description", "text"],
];
const LIFECYCLE_COLUMNS: Columns = [
  ["product_id", "uuid"],
  ["to_state", '"Lifecycle"'],
  ["actor_id", "uuid"],
  ["note", "text"],
];

/** A product the batch registered, with its first validation against the domain's effective policy. */
export type RegisteredProduct = {
  /** The document's index in the batch. */
  document: number;
  domain: string;
  name: string;
  version: string;
  status: "passing" | "warnings" | "failing";
  errors: number;
  warnings: number;
};
/** A contract the portal already held: a new version, validated after it was saved (no status when that failed). */
export type VersionedProduct = ImportResult & { document: number; status?: ComplianceStatus; errors?: number; warnings?: number };
/**
 * A document of an existing product whose new version was refused (e.g. that version exists with other content, or a
 * breaking change without a note). Versions are saved one by one after the batch commits, so a refusal is reported
 * here, beside what was saved, never as an error for the whole answer: the caller learns exactly what was written.
 */
export type RefusedVersion = {
  document: number;
  domain: string;
  name: string;
  status: number;
  message: string;
  errors: Record<string, string[]>;
};
export type BatchResult = {
  registered: number;
  products: RegisteredProduct[];
  versioned: VersionedProduct[];
  refused: RefusedVersion[];
};

type Ready = { index: number; spec: DataProductSpec; contract: OdcsContract | null; notes: unknown; source: string };

/**
 * Registers every document (ODCS, ODPS or the seed YAML) of `documents`, all or nothing. `choices` fills the
 * domain and owner of documents that name none. A problem in any document refuses the whole batch with the
 * document's index in the field path (`documents[3].schema[0].name`).
 */
export async function importContracts(
  user: CurrentUser,
  documents: readonly string[],
  choices: { domain?: string; owner?: string } = {},
  opts: {
    /** A further check on the batch's domains before anything is written (the API: the token's scope). */
    authorize?: (domains: string[]) => Promise<void>;
  } = {},
): Promise<BatchResult> {
  if (documents.length === 0) return { registered: 0, products: [], versioned: [], refused: [] };
  if (documents.length > MAX_BATCH)
    throw new ValidationError(`At most ${MAX_BATCH} documents per batch.`, {
      documents: [`Split the ${documents.length} documents into batches.`],
    });

  // One validation pass: parse, check against the official schema, project, check the spec.
  const ready: Ready[] = [];
  const errors: Record<string, string[]> = {};
  documents.forEach((source, index) => {
    const read = readImportDocument(source, "auto", choices);
    if (!read.ok) {
      for (const [path, messages] of Object.entries(issuesToFieldErrors(read.errors))) errors[`documents[${index}].${path}`] = messages;
      return;
    }
    const checked = completeProjection(read.projection);
    if (!checked.success) {
      errors[`documents[${index}]`] = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      return;
    }
    ready.push({ index, spec: checked.data, contract: read.contract, notes: read.projection.notes, source });
  });
  if (Object.keys(errors).length > 0)
    throw new ValidationError(`${Object.keys(errors).length} document(s) have problems; nothing was imported.`, errors);

  // Permission once per domain (audited by the gate like any other decision).
  const domains = [...new Set(ready.map((r) => r.spec.domain))];
  await opts.authorize?.(domains);
  for (const domain of domains) {
    await assertCan(user, "createProduct", [domain], {
      resource: productResource(domain, "*"),
      message: `You cannot register products in the ${domain} domain.`,
    });
  }

  // Which already exist (by contract id or by name): those become versions, one at a time, after the batch.
  const existing = await db.dataProduct.findMany({
    where: {
      OR: [
        { contractId: { in: ready.flatMap((r) => (r.contract ? [r.contract.id] : [])) } },
        { domain: { slug: { in: domains } }, name: { in: ready.map((r) => r.spec.name) } },
      ],
    },
    select: { name: true, contractId: true, domain: { select: { slug: true } } },
  });
  const takenIds = new Set(existing.flatMap((p) => (p.contractId ? [p.contractId] : [])));
  const takenNames = new Set(existing.map((p) => `${p.domain.slug}/${p.name}`));
  const fresh: Ready[] = [];
  const later: Ready[] = [];
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  for (const r of ready) {
    const key = `${r.spec.domain}/${r.spec.name}`;
    const id = r.contract?.id;
    if ((id && takenIds.has(id)) || takenNames.has(key)) later.push(r);
    else if ((id && seenIds.has(id)) || seenNames.has(key)) {
      errors[`documents[${r.index}]`] = [`Another document of this batch also registers ${key}${id ? ` (contract ${id})` : ""}.`];
    } else fresh.push(r);
    if (id) seenIds.add(id);
    seenNames.add(key);
  }
  if (Object.keys(errors).length > 0) throw new ValidationError("The batch registers some products twice; nothing was imported.", errors);

  const registered = await db
    .$transaction(
      async (tx) => {
        const rows = await tx.domain.findMany({ where: { slug: { in: domains } }, select: { id: true, slug: true, status: true } });
        const domainIds = new Map(rows.map((d) => [d.slug, d.id]));
        for (const d of rows) {
          if (d.status === "archived")
            throw new ValidationError("This domain is archived.", { domain: [`${d.slug} accepts no new products.`] });
        }
        for (const slug of domains)
          if (!domainIds.has(slug)) throw new ValidationError("Unknown domain.", { domain: [`There is no domain called ${slug}.`] });
        const owners = new Set(fresh.map((r) => `${r.spec.domain}\u0000${r.spec.owner}`));
        for (const pair of owners) {
          const [domain, owner] = pair.split("\u0000");
          await assertOwnerAllowed(tx, user, { domain, name: "*", next: owner, previous: null });
        }
        // Governance: every new product validated against its domain's effective policy (policies read once).
        const contextFor = await loadPolicyContexts(tx);
        const products = fresh.map((r) => {
          const id = randomUUID();
          const validation = evaluate(
            { id, spec: r.spec, currentVersion: r.spec.version, domain: { slug: r.spec.domain } },
            contextFor(r.spec.domain),
          );
          return { ...r, id, domainId: domainIds.get(r.spec.domain) as string, validation, compliance: summarize(validation.findings) };
        });
        const now = new Date().toISOString();
        await bulkInsert(
          tx,
          "data_products",
          PRODUCT_COLUMNS,
          products.map((p) => {
            const c = productColumns(p.spec, p.contract);
            return {
              id: p.id,
              domain_id: p.domainId,
              name: p.spec.name,
              owner: c.owner,
              description: c.description,
              classification: c.classification,
              lifecycle: "draft",
              current_version: c.currentVersion,
              tags: c.tags,
              spec: c.spec,
              contract: p.contract,
              contract_id: c.contractId,
              rule_inputs: c.ruleInputs,
              field_names: c.fieldNames,
              compliance_status: p.compliance.status,
              compliance_errors: p.compliance.errors,
              compliance_warnings: p.compliance.warnings,
              validated_at: now,
              created_by_id: user.id,
              updated_at: now,
            };
          }),
          false,
        );
        await bulkInsert(
          tx,
          "data_product_versions",
          VERSION_COLUMNS,
          products.map((p) => ({
            product_id: p.id,
            version: p.spec.version,
            spec: p.spec,
            contract: p.contract,
            import_notes: p.notes,
            change_note: "Imported (batch)",
            created_by_id: user.id,
          })),
        );
        const all = products.map((p) => fieldRows(p.id, p.spec, p.contract));
        await bulkInsert(
          tx,
          "data_product_fields",
          FIELD_COLUMNS,
          all.flatMap((r) =>
            r.fields.map((f) => ({
              product_id: f.productId,
              position: f.position,
              name: f.name,
              type: f.type,
              description: f.description,
              required: f.required,
              pii: f.pii,
            })),
          ),
        );
        await bulkInsert(
          tx,
          "data_product_datasets",
          DATASET_COLUMNS,
          all.flatMap((r) =>
            r.datasets.map((d) => ({
              product_id: d.productId,
              position: d.position,
              name: d.name,
              physical_name: d.physicalName,
              physical_type: d.physicalType,
              description: d.description,
              property_count: d.propertyCount,
            })),
          ),
        );
        await bulkInsert(
          tx,
          "data_product_properties",
          PROPERTY_COLUMNS,
          all.flatMap((r) =>
            r.properties.map((p) => ({
              product_id: p.productId,
              dataset_position: p.datasetPosition,
              position: p.position,
              path: p.path,
              depth: p.depth,
              name: p.name,
              logical_type: p.logicalType,
              physical_type: p.physicalType,
              required: p.required,
              unique: p.unique,
              primary_key: p.primaryKey,
              classification: p.classification,
              pii: p.pii,
              critical_data_element: p.criticalDataElement,
              description: p.description,
            })),
          ),
        );
        await bulkInsert(
          tx,
          "lifecycle_events",
          LIFECYCLE_COLUMNS,
          products.map((p) => ({ product_id: p.id, to_state: "draft", actor_id: user.id, note: "Registered" })),
        );
        await storeFirstValidations(
          tx,
          products.map((p) => p.validation),
          user.id,
        );
        await recordMetricEvents(
          products.map((p) => ({ type: "product_registered" as const, productId: p.id, domainId: p.domainId, userId: user.id })),
          tx,
        );
        return products.map((p): RegisteredProduct => ({
          document: p.index,
          domain: p.spec.domain,
          name: p.spec.name,
          version: p.spec.version,
          status: p.compliance.status,
          errors: p.compliance.errors,
          warnings: p.compliance.warnings,
        }));
      },
      { timeout: 120_000 },
    )
    .catch((e: unknown) => {
      // Another batch (or a user) registered one of these products after the check above and before this commit.
      if (isUniqueViolation(e))
        throw new ConflictError("Some of these products were registered meanwhile by someone else; nothing of this batch was imported.", {
          documents: ["Send the batch again: the products that exist now become new versions."],
        });
      throw e;
    });
  catalogChanged();

  const versioned: BatchResult["versioned"] = [];
  const refused: RefusedVersion[] = [];
  for (const r of later) {
    let result: ImportResult;
    try {
      result = await importProduct(user, r.source, "auto", "Imported (batch)", choices);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      refused.push({
        document: r.index,
        domain: r.spec.domain,
        name: r.spec.name,
        status: e.status,
        message: e.message,
        errors: e.fieldErrors ?? {},
      });
      continue;
    }
    // Saved already: a validation that cannot run leaves the entry without a status, never fails the import.
    const validation = await validateAfterChange(result, user.id);
    versioned.push({
      document: r.index,
      ...result,
      ...(validation ? { status: validation.status, errors: validation.errors, warnings: validation.warnings } : {}),
    });
  }
  return { registered: registered.length, products: registered, versioned, refused };
}
