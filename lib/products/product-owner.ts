// The spec fields an editor may not change alone. The owner grants no rights (permissions.ts), but it is
// who consumers contact and who the portal shows as accountable, so it must be a real person or team of
// the product's domain, and only the product's owners may hand it on. Lowering the classification opens
// confidential data to readers without an approved access request (read-data.ts reads the live
// classification), so only the product's owners may do that too.
import "server-only";
import type { Tx } from "@/lib/db";
import { can, type Principal } from "@/lib/auth";
import { assertCan, productResource } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { CLASSIFICATIONS, type Classification } from "@/lib/products/types";

export const OWNER_CHANGE_DENIED = "Only the product's owners can change its owner.";
const DOWNGRADE_DENIED = "Only the product's owners can lower its classification.";

/** Whether going from `before` to `after` makes the data less protected. */
export const lowersClassification = (before: Classification, after: Classification) =>
  CLASSIFICATIONS.indexOf(after) < CLASSIFICATIONS.indexOf(before);
const notAMember = (owner: string, domain: string) =>
  `${owner} is not a member of the ${domain} domain; pick the domain's team or one of its current members.`;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The field error for a proposed owner, or null when it may stand. Pure: `previous` is the saved owner
 * (null when registering), `isCandidate` whether `next` is the domain's team or a current member, and
 * `mayChange` whether the editor holds owner rights. Keeping the saved owner is always allowed (even one
 * who has since left the domain), so an editor who only changes other fields is never blocked.
 */
export function ownerError(input: {
  next: string;
  previous: string | null;
  isCandidate: boolean;
  mayChange: boolean;
  domain: string;
}): string | null {
  if (input.previous !== null && same(input.next, input.previous)) return null;
  if (input.previous !== null && !input.mayChange) return OWNER_CHANGE_DENIED;
  if (!input.isCandidate) return notAMember(input.next, input.domain);
  return null;
}

/** Whether `email` is the domain's team address or a current member's e-mail (case-insensitive). */
async function isOwnerCandidate(tx: Tx, domainSlug: string, email: string): Promise<boolean> {
  const address = { equals: email.trim(), mode: "insensitive" } as const;
  // One query for both: the team address, or a member's e-mail.
  const found = await tx.domain.count({
    where: { slug: domainSlug, OR: [{ ownerTeam: address }, { members: { some: { user: { email: address } } } }] },
  });
  return found > 0;
}

/**
 * Refuses an owner who is not of the domain (ValidationError on `owner`) and a change of owner by someone
 * without owner rights (ForbiddenError on `owner`, audited like every permission denial).
 */
export async function assertOwnerAllowed(
  tx: Tx,
  user: Principal,
  product: { domain: string; name: string; next: string; previous: string | null },
): Promise<void> {
  const changing = product.previous === null || !same(product.next, product.previous);
  if (!changing) return;
  const mayChange = can.moveLifecycle(user, { domain: product.domain });
  // Someone who may not change the owner is refused whoever they name: no need to look the name up.
  const isCandidate = product.previous !== null && !mayChange ? false : await isOwnerCandidate(tx, product.domain, product.next);
  const error = ownerError({ next: product.next, previous: product.previous, isCandidate, mayChange, domain: product.domain });
  if (!error) return;
  if (error === OWNER_CHANGE_DENIED) {
    await assertCan(user, "moveLifecycle", [{ domain: product.domain }], {
      action: "change_owner",
      resource: productResource(product.domain, product.name),
      reason: "Not an owner of the product.",
      context: { from: product.previous, to: product.next },
      message: OWNER_CHANGE_DENIED,
      fieldErrors: { owner: [OWNER_CHANGE_DENIED] },
    });
  }
  throw new ValidationError(error, { owner: [error] });
}

/** Refuses (ForbiddenError on `classification`, audited) a lower classification from someone without owner rights. */
export async function assertClassificationAllowed(
  user: Principal,
  product: { domain: string; name: string; before: Classification; after: Classification },
): Promise<void> {
  if (!lowersClassification(product.before, product.after)) return;
  await assertCan(user, "moveLifecycle", [{ domain: product.domain }], {
    action: "lower_classification",
    resource: productResource(product.domain, product.name),
    reason: "Not an owner of the product.",
    context: { from: product.before, to: product.after },
    message: DOWNGRADE_DENIED,
    fieldErrors: { classification: [DOWNGRADE_DENIED] },
  });
}
