// Platform admin pages: signed-in (else sign-in) and a platform admin (else 403).
import "server-only";
import { forbidden } from "next/navigation";
import { requirePageUser, type CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export async function requirePlatformAdmin(): Promise<CurrentUser> {
  const user = await requirePageUser();
  if (!can.managePlatform(user)) forbidden();
  return user;
}
