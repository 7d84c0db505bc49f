// Saves a new version of the global policy or of one domain's policy. Every save is a new immutable
// PolicyVersion (author, time, change note) written in the same transaction as the policy row, guarded
// by optimistic concurrency on Policy.version: a save based on a stale version is refused with the
// other person's change, so nobody overwrites an edit they have not seen.
import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, recordDenial, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { audit } from "@/lib/audit/writer";
import { invalidatePolicyCache } from "@/lib/governance/enforcement/enforce.db";
import { createRevalidationRun, enqueueRun, type StartedRun } from "@/lib/governance/revalidation/start-run.db";
import { globalAllowsDomainEdits, lockedChanges } from "@/lib/governance/policies/domain-edit";
import { deepEqual, diffPolicies, type PolicyChange } from "@/lib/governance/policies/diff";
import { issuesToFieldErrors, parseDomainPolicyInput, parseGlobalPolicyInput, type PolicyInput } from "@/lib/governance/policies/input";
import { GLOBAL_POLICY_NAME, type DomainPolicy, type GlobalPolicy } from "@/lib/governance/policies/types";

export const NOTE_MIN_LENGTH = 5;
export const NOTE_MAX_LENGTH = 1000;

export type SavePolicyInput = PolicyInput & {
  /** The version the editor loaded; 0 when creating a domain policy that does not exist yet. */
  expectedVersion: number;
  note: string;
};

export type SavePolicyResult = {
  policyId: string;
  version: number;
  changes: PolicyChange[];
  /** The queued re-validation of the products the policy applies to, for the editor to show its progress. */
  revalidation: { runId: string; total: number };
};

export type ConflictVersion = { version: number; author: string; at: string; note: string };

export type PolicyConflict = {
  expectedVersion: number;
  currentVersion: number;
  /** Versions saved since the editor loaded, newest first. */
  versions: ConflictVersion[];
  /** What the other person changed: the loaded version → the current one. */
  theirChanges: PolicyChange[];
  /** What saving the submitted policy would change now: the current version → the submission. */
  yourChanges: PolicyChange[];
  /** The current policy, so the editor can reload it. */
  current: GlobalPolicy | DomainPolicy | null;
};

/** A ConflictError that carries the other person's change, for the editor to show. */
export class PolicyConflictError extends ConflictError {
  readonly conflict: PolicyConflict;
  constructor(conflict: PolicyConflict) {
    const latest = conflict.versions[0];
    super(
      latest
        ? `${latest.author} saved version ${latest.version} while you were editing ("${latest.note}"). Your edits are kept: review their change, then save again.`
        : "Someone else saved this policy while you were editing. Your edits are kept: review their change, then save again.",
    );
    this.conflict = conflict;
  }
}

/** A domain owner tried to set a path the global policy locks: 403, with the path as a field error. */
export class LockedPolicyPathError extends ForbiddenError {
  override readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fieldErrors: Record<string, string[]>) {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

type PolicyRow = { id: string; version: number; spec: unknown };

/** Note and version problems, collected with the spec's so the user sees every error at once. */
function inputErrors(input: SavePolicyInput): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const note = input.note.trim();
  if (note.length < NOTE_MIN_LENGTH)
    errors.note = [`Describe the change in at least ${NOTE_MIN_LENGTH} characters; the note is kept in the policy's history.`];
  else if (note.length > NOTE_MAX_LENGTH) errors.note = [`Keep the note under ${NOTE_MAX_LENGTH} characters.`];
  if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) {
    errors.expectedVersion = ["This form is out of date. Reload the page and apply your change again."];
  }
  return errors;
}

function throwIfErrors(
  errors: Record<string, string[]>,
  message = "The policy was not saved. Fix the highlighted problems and try again.",
): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(message, errors);
}

async function conflictDetails(tx: Tx, row: PolicyRow | null, expectedVersion: number, submitted: unknown): Promise<PolicyConflict> {
  if (!row) {
    return {
      expectedVersion,
      currentVersion: 0,
      versions: [],
      theirChanges: [],
      yourChanges: diffPolicies(undefined, submitted),
      current: null,
    };
  }
  const versions = await tx.policyVersion.findMany({
    where: { policyId: row.id, version: { gt: expectedVersion } },
    orderBy: { version: "desc" },
    select: { version: true, note: true, createdAt: true, author: { select: { name: true, email: true } } },
  });
  const base =
    expectedVersion > 0
      ? await tx.policyVersion.findUnique({
          where: { policyId_version: { policyId: row.id, version: expectedVersion } },
          select: { spec: true },
        })
      : null;
  return {
    expectedVersion,
    currentVersion: row.version,
    versions: versions.map((v) => ({
      version: v.version,
      author: v.author?.name ?? "A former user",
      at: v.createdAt.toISOString(),
      note: v.note,
    })),
    theirChanges: diffPolicies(base?.spec ?? undefined, row.spec),
    yourChanges: diffPolicies(row.spec, submitted),
    current: row.spec as GlobalPolicy | DomainPolicy,
  };
}

/**
 * Writes version expected+1 of an existing policy, or fails with the conflict. The update is guarded
 * by the version it read, so a writer that commits between our read and our write also conflicts.
 */
async function writeNextVersion(tx: Tx, row: PolicyRow, input: SavePolicyInput, spec: object, user: CurrentUser): Promise<number> {
  if (row.version !== input.expectedVersion) throw new PolicyConflictError(await conflictDetails(tx, row, input.expectedVersion, spec));
  if (deepEqual(row.spec, spec)) {
    throw new ValidationError("Nothing changed, so no new version was saved.", {
      spec: ["The policy is the same as the current version."],
    });
  }
  const next = row.version + 1;
  const updated = await tx.policy.updateMany({ where: { id: row.id, version: row.version }, data: { spec, version: next } });
  if (updated.count !== 1) {
    const fresh = await tx.policy.findUniqueOrThrow({ where: { id: row.id }, select: { id: true, version: true, spec: true } });
    throw new PolicyConflictError(await conflictDetails(tx, fresh, input.expectedVersion, spec));
  }
  await tx.policyVersion.create({ data: { policyId: row.id, version: next, spec, note: input.note.trim(), authorId: user.id } });
  return next;
}

/**
 * Work after commit: caches, the audit trail, and handing the re-validation run (written in the save's
 * transaction) to the workers. Re-validating 100,000 products takes half a minute, so the save does not
 * wait for it: the editor polls the run's progress.
 */
async function afterSave(
  user: CurrentUser,
  resource: string,
  version: number,
  note: string,
  run: StartedRun,
  domain?: string,
): Promise<void> {
  invalidatePolicyCache();
  await audit({
    subject: user.email,
    action: "policy.update",
    resource,
    decision: "allow",
    reason: note,
    policyId: resource,
    policyVersion: version,
    context: domain ? { domain } : {},
  });
  await enqueueRun(run);
}

export async function updateGlobalPolicy(user: CurrentUser, input: SavePolicyInput): Promise<SavePolicyResult> {
  await assertCan(user, "editGlobalPolicy", [], {
    action: "update_policy",
    resource: `policy:${GLOBAL_POLICY_NAME}`,
    message: "Only the governance team can change the global policy.",
  });
  const errors = inputErrors(input);
  const parsed = parseGlobalPolicyInput(input);
  if (!parsed.ok) Object.assign(errors, issuesToFieldErrors(parsed.issues, parsed.format));
  throwIfErrors(errors);
  if (!parsed.ok) throw new ValidationError("The policy was not saved."); // narrowed above; keeps types honest
  const spec = parsed.spec as unknown as object;

  const result = await db.$transaction(async (tx) => {
    const row = await tx.policy.findFirst({ where: { scope: "global" }, select: { id: true, version: true, spec: true } });
    if (!row) {
      if (input.expectedVersion !== 0) throw new NotFoundError("There is no global policy.");
      const created = await tx.policy.create({
        data: {
          scope: "global",
          name: GLOBAL_POLICY_NAME,
          spec,
          version: 1,
          versions: { create: { version: 1, spec, note: input.note.trim(), authorId: user.id } },
        },
        select: { id: true },
      });
      return {
        policyId: created.id,
        version: 1,
        before: undefined as unknown,
        run: await createRevalidationRun(tx, { trigger: "policy-change", userId: user.id }),
      };
    }
    const version = await writeNextVersion(tx, row, input, spec, user);
    return {
      policyId: row.id,
      version,
      before: row.spec as unknown,
      run: await createRevalidationRun(tx, { trigger: "policy-change", userId: user.id }),
    };
  });

  logger.info({ user: user.email, version: result.version, revalidationRun: result.run.runId }, "global policy updated");
  await afterSave(user, `policy:${GLOBAL_POLICY_NAME}`, result.version, input.note.trim(), result.run);
  return {
    policyId: result.policyId,
    version: result.version,
    changes: diffPolicies(result.before, spec),
    revalidation: { runId: result.run.runId, total: result.run.total },
  };
}

export async function upsertDomainPolicy(user: CurrentUser, slug: string, input: SavePolicyInput): Promise<SavePolicyResult> {
  const domain = await db.domain.findUnique({ where: { slug }, select: { id: true, archivedAt: true } });
  if (!domain) throw new NotFoundError("This domain does not exist.");
  const globalRow = await db.policy.findFirst({ where: { scope: "global" }, select: { spec: true } });
  if (!globalRow) throw new ValidationError("Define the global policy before domain policies.");
  const global = globalRow.spec as unknown as GlobalPolicy;
  await assertCan(user, "editDomainPolicy", [slug, globalAllowsDomainEdits(global)], {
    action: "update_policy",
    resource: `policy:${slug}-governance`,
    message: "Only the governance team, or this domain's owners where the global policy allows it, can change this policy.",
  });
  if (domain.archivedAt) throw new ValidationError("This domain is archived; its policy can no longer change.");

  const errors = inputErrors(input);
  const parsed = parseDomainPolicyInput(slug, input, global);
  if (!parsed.ok) Object.assign(errors, issuesToFieldErrors(parsed.issues, parsed.format));
  throwIfErrors(errors);
  if (!parsed.ok) throw new ValidationError("The policy was not saved."); // narrowed above; keeps types honest
  const policy = parsed.spec;
  const spec = policy as unknown as object;
  const governance = user.roles.includes("governance");

  const result = await db.$transaction(async (tx) => {
    const row = await tx.policy.findFirst({
      where: { scope: "domain", domainId: domain.id },
      select: { id: true, version: true, spec: true },
    });
    // Locked paths: checked against the stored version so values set before a lock may stay (or be cleared).
    const locked = lockedChanges(global, (row?.spec as DomainPolicy | undefined) ?? null, policy);
    if (locked.length > 0) {
      const fieldErrors: Record<string, string[]> = {};
      for (const l of locked) (fieldErrors[parsed.format === "yaml" ? "yaml" : l.field] ??= []).push(l.message);
      const message = `Locked by the global policy: ${locked.map((l) => l.path).join(", ")}. Domains cannot override ${locked.length === 1 ? "it" : "them"}.`;
      // For a domain owner this is a permission they lack; governance is told to unlock it globally first.
      if (!governance) {
        await recordDenial(user, {
          action: "update_policy",
          resource: `policy:${slug}-governance`,
          reason: message,
          context: { paths: locked.map((l) => l.path) },
        });
        throw new LockedPolicyPathError(message, fieldErrors);
      }
      throw new ValidationError(`${message} Unlock it in the global policy first.`, fieldErrors);
    }
    if (!row) {
      if (input.expectedVersion !== 0) throw new PolicyConflictError(await conflictDetails(tx, null, input.expectedVersion, spec));
      try {
        const created = await tx.policy.create({
          data: {
            scope: "domain",
            name: `${slug}-governance`,
            domainId: domain.id,
            spec,
            version: 1,
            versions: { create: { version: 1, spec, note: input.note.trim(), authorId: user.id } },
          },
          select: { id: true },
        });
        return {
          policyId: created.id,
          version: 1,
          before: undefined as unknown,
          run: await createRevalidationRun(tx, { trigger: "policy-change", domain: slug, userId: user.id }),
        };
      } catch (e) {
        if (isUniqueViolation(e))
          throw new ConflictError("Someone else created this domain's policy at the same time. Reload to see it, then apply your change.");
        throw e;
      }
    }
    const version = await writeNextVersion(tx, row, input, spec, user);
    return {
      policyId: row.id,
      version,
      before: row.spec as unknown,
      run: await createRevalidationRun(tx, { trigger: "policy-change", domain: slug, userId: user.id }),
    };
  });

  logger.info({ user: user.email, domain: slug, version: result.version, revalidationRun: result.run.runId }, "domain policy updated");
  await afterSave(user, `policy:${slug}-governance`, result.version, input.note.trim(), result.run, slug);
  return {
    policyId: result.policyId,
    version: result.version,
    changes: diffPolicies(result.before, spec),
    revalidation: { runId: result.run.runId, total: result.run.total },
  };
}
