import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/auth/demo-users";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env, oidcEnabled } from "@/lib/env";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { oidcSignInAction } from "./actions";
import { DemoSignInButton, SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string }>;
}) {
  const { callbackUrl, error, code } = await searchParams;
  if (await getCurrentUser()) redirect("/");
  const e = env();
  return (
    <main className="mx-auto grid min-h-screen max-w-5xl items-start gap-8 px-4 py-12 md:grid-cols-2">
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <h1 className="text-2xl font-semibold">Sign in to Meshport</h1>
        </div>
        {/* Sign-ins through the auth API (not this form) come back with ?error=CredentialsSignin&code=… */}
        {error === "CredentialsSignin" && (code === "rate_limited" || code === "disabled") && (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {code === "disabled"
              ? "This account is disabled. Ask a data admin to enable it."
              : "Too many attempts, try again in a few minutes."}
          </p>
        )}
        {error && error !== "CredentialsSignin" && (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            Sign-in failed. Please try again.
          </p>
        )}
        <SignInForm callbackUrl={callbackUrl} />
        {oidcEnabled(e) && (
          <form action={oidcSignInAction} className="mt-6 border-t border-slate-200 pt-6">
            <button type="submit" className="w-full rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              Continue with {e.AUTH_OIDC_NAME}
            </button>
          </form>
        )}
      </section>
      {e.DEMO_MODE && (
        <section aria-labelledby="demo-users" className="rounded-xl bg-slate-100 p-6">
          <h2 id="demo-users" className="text-lg font-semibold">
            Demo users
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Demo mode: every account below uses the password <code className="rounded bg-white px-1">{DEMO_PASSWORD}</code>.
          </p>
          <ul className="mt-4 space-y-2">
            {DEMO_USERS.map((u) => (
              <li key={u.email}>
                <DemoSignInButton
                  email={u.email}
                  password={DEMO_PASSWORD}
                  label={`${u.name} (${u.roles.map((r) => ROLE_LABELS[r]).join(", ")})`}
                  blurb={`${u.email} — ${u.blurb}`}
                  callbackUrl={callbackUrl}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
