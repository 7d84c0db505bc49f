"use server";
import { AuthError } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { DisabledError, RateLimitedError, signIn, signOut } from "@/lib/auth/auth";
import { rateLimitMessage } from "@/lib/auth/rate-limit";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { ActionState } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/field-errors";

const schema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, { depth: 1 }) };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      // next-auth's redirect callback (safeRedirect) keeps only a path on this site, for this form and the
      // auth API alike; without redirectTo next-auth would go back to the Referer, the sign-in page.
      redirectTo: parsed.data.callbackUrl || "/",
    });
    return { ok: true };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof AuthError) {
      if (e instanceof RateLimitedError) return { ok: false, message: rateLimitMessage(e.retryAfterSeconds) };
      if (e instanceof DisabledError) return { ok: false, message: "This account is disabled. Ask a data admin to enable it." };
      return { ok: false, message: "Email or password is incorrect." };
    }
    throw e;
  }
}

export async function oidcSignInAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** Ends every session of the signed-in user (every browser and device), then this one's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
