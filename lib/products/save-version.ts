// Saves a changed spec. Drafts and products in review are edited in place; a published or deprecated
// product gets a new immutable version whose number must follow semver for the changes it contains.
// A breaking (or new major) version of a published product cannot be taken back once consumers see it:
// it needs a reason (the change note), which goes into the version history and the audit log.
import "server-only";
import { publishEvent } from "@/lib/notifications/server";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertClassificationAllowed, assertOwnerAllowed } from "@/lib/products/product-owner";
import { parseSpecOrThrow } from "@/lib/products/parse-spec";
import { contractJson, productColumns, replaceFields } from "@/lib/products/persist-spec";
import type { ImportNote } from "@/lib/products/contract/project";
import { syncContract } from "@/lib/products/contract/sync";
import { diffContracts } from "@/lib/products/contract/diff";
import type { OdcsContract } from "@/lib/products/contract/types";
import { checkVersionChange, diffSpecs, needsBreakingReason } from "@/lib/products/diff";
import { audit } from "@/lib/audit/writer";
import type { DataProductSpec } from "@/lib/products/types";
import { catalogChanged } from "@/lib/products/catalog-cache";

export type SaveInput = {
  domain: string;
  name: string;
  spec: unknown;
  changeNote?: string;
  /** Used when changeNote is empty, except for a breaking version, which needs a real reason. */
  defaultNote?: string;
  /** The lockVersion the editor loaded (NaN when the form sent none: refused); omit to skip the check (imports). */
  expectedLockVersion?: number;
  /** A newly declared ODCS contract (contract imports). Absent: a declared contract follows the edit (sync.ts). */
  contract?: OdcsContract;
  importNotes?: ImportNote[];
};

export type SaveResult = { version: string; newVersion: boolean; breaking: boolean; changes: number };

const IMMUTABLE_STATES = new Set(["published", "deprecated"]);

export async function saveProductVersion(user: CurrentUser, input: SaveInput): Promise<SaveResult> {
  // A lock version that is there but not a whole number would skip the concurrency check: fail closed.
  if (input.expectedLockVersion !== undefined && !Number.isInteger(input.expectedLockVersion)) {
    throw new ValidationError("This form is out of date. Reload the page and apply your change again.");
  }
  const spec = parseSpecOrThrow(input.spec, { declaredContract: input.contract !== undefined });
  if (spec.domain !== input.domain || spec.name !== input.name) {
    throw new ValidationError("The name and domain of a product cannot change.", {
      name: spec.name !== input.name ? [`This product is ${input.name}; register a new product to use another name.`] : [],
      domain: spec.domain !== input.domain ? [`This product belongs to ${input.domain}.`] : [],
    });
  }
  const saved = await db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findFirst({
      where: { name: input.name, domain: { slug: input.domain } },
      select: { id: true, owner: true, lifecycle: true, spec: true, contract: true, currentVersion: true, lockVersion: true },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    await assertCan(user, "editProduct", [{ domain: input.domain }], {
      resource: productResource(input.domain, input.name),
      message: "You cannot edit this data product.",
    });
    await assertOwnerAllowed(tx, user, { domain: input.domain, name: input.name, next: spec.owner, previous: product.owner });
    await assertClassificationAllowed(user, {
      domain: input.domain,
      name: input.name,
      before: (product.spec as unknown as DataProductSpec).classification,
      after: spec.classification,
    });
    if (product.lifecycle === "retired") throw new ValidationError("Retired products cannot change.");
    if (input.expectedLockVersion !== undefined && input.expectedLockVersion !== product.lockVersion) {
      throw new ConflictError(
        "Someone else saved this product while you were editing. Reload to see their change, then apply yours again.",
      );
    }

    const before = product.spec as unknown as DataProductSpec;
    const stored = product.contract as OdcsContract | null;
    const contract = input.contract ?? (stored ? syncContract(stored, before, spec) : null);
    const changes = [...diffSpecs(before, spec), ...diffContracts(stored, contract)];
    const breaking = changes.some((c) => c.breaking);
    const immutable = IMMUTABLE_STATES.has(product.lifecycle);
    const contractChanged = JSON.stringify(contract) !== JSON.stringify(stored);
    if (changes.length === 0 && !contractChanged && spec.version === product.currentVersion) {
      throw new ValidationError("Nothing changed.", { version: ["There are no changes to save."] });
    }
    if (immutable || spec.version !== product.currentVersion) {
      const check = checkVersionChange(product.currentVersion, spec.version, changes);
      if (!check.ok) throw new ValidationError(check.message, { version: [check.message] });
    }

    const givenNote = input.changeNote?.trim() ?? "";
    const confirmBreaking = needsBreakingReason({ immutable, from: product.currentVersion, to: spec.version, changes });
    if (confirmBreaking && givenNote === "") {
      const message = `Version ${spec.version} is a breaking change for the consumers of ${product.currentVersion} and cannot be withdrawn once saved: give a reason in the change note.`;
      throw new ValidationError(message, { changeNote: [message] });
    }

    // The lock version guards against a concurrent writer between our read and this update.
    const updated = await tx.dataProduct.updateMany({
      where: { id: product.id, lockVersion: product.lockVersion },
      data: { ...productColumns(spec, contract), lockVersion: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError("Someone else saved this product at the same time. Reload and try again.");
    await replaceFields(tx, product.id, spec, contract);

    const note = givenNote || input.defaultNote?.trim() || (breaking ? "Breaking change" : "Updated");
    if (confirmBreaking) {
      await audit(
        {
          subject: user.email,
          action: "product:breaking_version",
          resource: productResource(input.domain, input.name),
          decision: "allow",
          policyId: "portal-permissions",
          reason: `${product.currentVersion} → ${spec.version} (${product.lifecycle}) by an editor. Reason: ${note}`,
          context: { from: product.currentVersion, to: spec.version, breaking, note },
        },
        tx,
      );
    }
    if (immutable) {
      await tx.dataProductVersion.create({
        data: {
          productId: product.id,
          version: spec.version,
          spec: spec as unknown as object,
          contract: contractJson(contract),
          ...(input.importNotes ? { importNotes: input.importNotes } : {}),
          changeNote: note,
          breaking,
          createdById: user.id,
        },
      });
    } else {
      // Not yet published: the latest version row is still a working copy.
      const latest = await tx.dataProductVersion.findFirst({
        where: { productId: product.id },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      if (latest) {
        await tx.dataProductVersion.update({
          where: { id: latest.id },
          data: {
            version: spec.version,
            spec: spec as unknown as object,
            contract: contractJson(contract),
            ...(input.importNotes ? { importNotes: input.importNotes } : {}),
            changeNote: note,
            breaking,
            createdById: user.id,
          },
        });
      }
    }
    // A breaking version of a product people already use: they hear of it with the save.
    if (immutable && breaking)
      await publishEvent(
        {
          type: "product.breaking_change",
          actorId: user.id,
          product: { id: product.id, domain: input.domain, name: input.name },
          fromVersion: product.currentVersion,
          toVersion: spec.version,
          note,
        },
        tx,
      );
    return { version: spec.version, newVersion: immutable, breaking, changes: changes.length };
  });
  catalogChanged(); // this process's catalog answers now, the others' on the commit's notification
  return saved;
}
