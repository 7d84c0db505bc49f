// Disabling a user (data admins): they cannot sign in, and their open sessions end on their next request.
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/current-user";
import { NotFoundError, ValidationError } from "@/lib/errors";

export async function setUserDisabled(userId: string, disabled: boolean): Promise<void> {
  const actor = await authorize(can.manageDomains, { action: disabled ? "disableUser" : "enableUser", resource: `user:${userId}` });
  if (actor.id === userId && disabled) throw new ValidationError("You cannot disable yourself.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId }, data: { disabled } });
    if (count === 0) throw new NotFoundError("No such user.");
    // Not needed for correctness (the session check reads users.disabled), but re-enabling must not
    // bring the old sessions back to life.
    if (disabled) await tx.session.deleteMany({ where: { userId } });
  });
}
