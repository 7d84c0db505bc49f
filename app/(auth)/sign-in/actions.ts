"use server";
import { AuthError } from "next-auth";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { RateLimitedError, signIn, signOut } from "@/lib/auth/auth";
import { rateLimitMessage } from "@/lib/auth/rate-limit";
import type { ActionState } from "@/lib/errors";

const schema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
    return { ok: true };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof AuthError) {
      if (e instanceof RateLimitedError) return { ok: false, message: rateLimitMessage(e.retryAfterSeconds) };
      const code = (e as AuthError & { code?: string }).code;
      if (code === "locked") return { ok: false, message: "Too many failed attempts: this account is locked for 15 minutes." };
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
