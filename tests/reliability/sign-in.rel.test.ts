// Sign-in throttling and lockout through the real credentials check (authorizeCredentials) and the real
// sign-in action: five wrong passwords lock an account; ten failures for one email, or twenty from one
// IP, are refused with "Too many attempts, try again in N seconds" — even with the right password.
// Dedicated users and TEST-NET addresses, so no other test's sign-ins are affected.
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authorizeCredentials, LOCKOUT_MINUTES, MAX_FAILED_LOGINS, RateLimitedError } from "@/lib/auth/auth";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { uid } from "@/prisma/seed/factories";

const client = vi.hoisted(() => ({ ip: "203.0.113.1" }));

// next-auth's signIn() needs a live Next request; in its place, the same thing its credentials callback
// does: call the provider's authorize with the request, fail with CredentialsSignin on null, and let
// the provider's own errors (locked, rate limited) through unchanged, as next-auth does in raw mode.
vi.mock("@/lib/auth/auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/auth")>();
  const { CredentialsSignin } = await import("next-auth");
  return {
    ...original,
    signIn: async (_provider: string, options: { email: string; password: string }) => {
      const request = new Request("http://portal.test/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": client.ip } });
      const user = await original.authorizeCredentials({ email: options.email, password: options.password }, request);
      if (!user) throw new CredentialsSignin();
      return "/";
    },
  };
});
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));

const { signInAction } = await import("@/app/(auth)/sign-in/actions");

const PASSWORD = "correct horse battery staple";
let counter = 0;
const nextIp = () => `198.51.100.${++counter}`; // TEST-NET-2: one fresh "client" per use
const request = (ip: string) => new Request("http://portal.test/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": ip } });

async function dedicatedUser(): Promise<string> {
  const email = `signin-${uid()}@test.local`;
  await db.user.create({ data: { email, name: "Sign-in test", roles: ["data_consumer"], passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

const signInForm = (email: string, password: string) => {
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", password);
  fd.set("callbackUrl", "/");
  return fd;
};

afterAll(() => {
  console.log(`[sign-in] limits: ${SIGN_IN_LIMITS.perAccount.limit} failures per account / ${SIGN_IN_LIMITS.perAccount.windowMs / 60_000} min, ${SIGN_IN_LIMITS.perIp.limit} per IP / ${SIGN_IN_LIMITS.perIp.windowMs / 60_000} min; lockout after ${MAX_FAILED_LOGINS}`);
});

describe("account lockout", () => {
  it(`locks the account on the ${MAX_FAILED_LOGINS}th wrong password, and then refuses even the right one`, async () => {
    const email = await dedicatedUser();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect(await authorizeCredentials({ email, password: `wrong-${i}` }, request(nextIp()))).toBeNull();
    await expect(authorizeCredentials({ email, password: "wrong-last" }, request(nextIp()))).rejects.toMatchObject({ code: "locked" });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + (LOCKOUT_MINUTES - 1) * 60_000);
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(nextIp()))).rejects.toMatchObject({ code: "locked" });
  });

  it("the sign-in form says the account is locked", async () => {
    const email = await dedicatedUser();
    client.ip = nextIp();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect(await signInAction(null, signInForm(email, "nope"))).toEqual({ ok: false, message: "Email or password is incorrect." });
    expect(await signInAction(null, signInForm(email, "nope"))).toEqual({ ok: false, message: "Too many failed attempts: this account is locked for 15 minutes." });
  });
});

describe("rate limiting", () => {
  it(`refuses the ${SIGN_IN_LIMITS.perAccount.limit + 1}th attempt for one unknown email, from any IP`, async () => {
    const email = `nobody-${uid()}@test.local`; // unknown emails cannot lock, so the limit is what stops guessing
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.limit; i++) expect(await authorizeCredentials({ email, password: "guess" }, request(nextIp()))).toBeNull();
    const refused = await authorizeCredentials({ email, password: "guess" }, request(nextIp())).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMITS.perAccount.windowMs / 1000 - 60);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount.windowMs / 1000);
  });

  it(`refuses one IP after ${SIGN_IN_LIMITS.perIp.limit} failures across accounts, even with a right password; other IPs are unaffected`, async () => {
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.limit; i++) expect(await authorizeCredentials({ email: `spray-${uid()}@test.local`, password: "Winter2026!" }, request(ip))).toBeNull();
    const email = await dedicatedUser();
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(ip))).rejects.toBeInstanceOf(RateLimitedError);
    expect(await authorizeCredentials({ email, password: PASSWORD }, request(nextIp()))).toMatchObject({ email });
    // The refused attempt did not count against the account: it was never checked.
    expect((await db.user.findUniqueOrThrow({ where: { email } })).failedLogins).toBe(0);
  });

  it("the sign-in form says how long to wait", async () => {
    const email = `nobody-${uid()}@test.local`;
    client.ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.limit; i++) await signInAction(null, signInForm(email, "guess"));
    const state = await signInAction(null, signInForm(email, "guess"));
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/^Too many attempts, try again in \d+ seconds\.$/);
    const seconds = Number(/in (\d+) seconds/.exec(state.message!)![1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount.windowMs / 1000);
  });
});
