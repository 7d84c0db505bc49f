// Sign-in throttling through the real credentials check (authorizeCredentials) and the real sign-in
// action, on the real sign_in_throttle table: failures slow down the (account, client) pair with growing
// waits, so an attacker elsewhere cannot lock the rightful user out; one client is capped over all
// accounts; unknown emails get the same answer in the same time as wrong passwords; two processes (two
// database pools) share one throttle. Dedicated users and TEST-NET addresses, so no other test is touched.
import { afterAll, describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authorizeCredentials, DisabledError, RateLimitedError } from "@/lib/auth/auth";
import { backoffSeconds, createSignInThrottle, SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { uid } from "@/prisma/seed/factories";

const client = vi.hoisted(() => ({ ip: "203.0.113.1" }));

// next-auth's signIn() needs a live Next request; in its place, the same thing its credentials callback
// does: call the provider's authorize with the request, fail with CredentialsSignin on null, and let
// the provider's own errors (rate limited, disabled) through unchanged, as next-auth does in raw mode.
vi.mock("@/lib/auth/auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/auth")>();
  const { CredentialsSignin } = await import("next-auth");
  return {
    ...original,
    signIn: async (_provider: string, options: { email: string; password: string; redirectTo: string }) => {
      const request = new Request("http://portal.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { "x-forwarded-for": client.ip },
      });
      const user = await original.authorizeCredentials({ email: options.email, password: options.password }, request);
      if (!user) throw new CredentialsSignin();
      return options.redirectTo;
    },
  };
});
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));

const { signInAction } = await import("@/app/(auth)/sign-in/actions");

const PASSWORD = "correct horse battery staple";
const INCORRECT = { ok: false, message: "Email or password is incorrect." };
let counter = 0;
const nextIp = () => `198.51.${100 + Math.floor(counter / 250)}.${(++counter % 250) + 1}`; // one fresh "client" per use
const request = (ip: string) =>
  new Request("http://portal.test/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": ip } });
const attempt = (email: string, password: string, ip: string) =>
  authorizeCredentials({ email, password }, request(ip)).catch((e: unknown) => e);

async function dedicatedUser(data: { disabled?: boolean } = {}): Promise<string> {
  const email = `signin-${uid()}@test.local`;
  await db.user.create({
    data: { email, name: "Sign-in test", roles: ["data_consumer"], passwordHash: await hashPassword(PASSWORD), ...data },
  });
  return email;
}

/** Lets the pair's current wait run out at once (instead of sleeping through it). */
const skipWait = (email: string, ip: string) =>
  db.$executeRaw`UPDATE sign_in_throttle SET next_allowed_at = now() - interval '1 second' WHERE key = ${`pair:${email}|${ip}`}`;

const signInForm = (email: string, password: string) => {
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", password);
  fd.set("callbackUrl", "/");
  return fd;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

afterAll(() => {
  const { perPair, perIp } = SIGN_IN_LIMITS;
  console.log(
    `[sign-in] per (account, client): ${perPair.free} free failures, then ${perPair.baseSeconds}s doubling to ${perPair.maxSeconds}s; per client: ${perIp.free} failures, then ${perIp.maxSeconds}s`,
  );
});

describe("per (account, client) backoff", () => {
  it("slows the attacking client down with growing waits, and even its right password waits", async () => {
    const email = await dedicatedUser();
    const attacker = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.free + 1; i++) expect(await attempt(email, `wrong-${i}`, attacker)).toBeNull();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await attempt(email, "wrong-again", attacker);
      expect(refused).toBeInstanceOf(RateLimitedError);
      waits.push((refused as RateLimitedError).retryAfterSeconds);
      await skipWait(email, attacker);
      expect(await attempt(email, `wrong-after-wait-${i}`, attacker)).toBeNull();
    }
    // 1 s, 2 s, 4 s, 8 s (each rounded up to whole seconds by the answer).
    expect(waits).toEqual([1, 2, 3, 4].map((n) => backoffSeconds(SIGN_IN_LIMITS.perPair, SIGN_IN_LIMITS.perPair.free + n)));
    expect(waits[3]).toBeGreaterThan(waits[0]);
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(attacker))).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("the rightful user signs in from another client while the attacker's client is throttled", async () => {
    const email = await dedicatedUser();
    const attacker = nextIp();
    for (let i = 0; i < 30; i++) {
      await skipWait(email, attacker);
      expect(await attempt(email, `wrong-${i}`, attacker)).toBeNull();
    }
    await expect(authorizeCredentials({ email, password: "one-more" }, request(attacker))).rejects.toBeInstanceOf(RateLimitedError);
    expect(await authorizeCredentials({ email, password: PASSWORD }, request(nextIp()))).toMatchObject({ email });
    // Still throttled for the attacker: a success elsewhere does not clear their pair.
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(attacker))).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("a right password clears the pair's count (typos earlier do not add up across days)", async () => {
    const email = await dedicatedUser();
    const ip = nextIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.free; i++) expect(await attempt(email, `typo-${i}`, ip)).toBeNull();
    expect(await attempt(email, PASSWORD, ip)).toMatchObject({ email });
    expect(await db.$queryRaw<unknown[]>`SELECT 1 FROM sign_in_throttle WHERE key = ${`pair:${email}|${ip}`}`).toHaveLength(0);
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.free; i++) expect(await attempt(email, `typo-again-${i}`, ip)).toBeNull();
  });

  it("the sign-in form says how long to wait", async () => {
    const email = `nobody-${uid()}@test.local`;
    client.ip = nextIp();
    for (let i = 0; i <= SIGN_IN_LIMITS.perPair.free; i++) expect(await signInAction(null, signInForm(email, "guess"))).toEqual(INCORRECT);
    // Three more failures with the waits skipped: the next wait is 8 s, long enough to see on any machine.
    for (let i = 0; i < 3; i++) {
      await skipWait(email, client.ip);
      expect(await signInAction(null, signInForm(email, "guess"))).toEqual(INCORRECT);
    }
    const state = await signInAction(null, signInForm(email, "guess"));
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/^Too many attempts, try again in \d+ seconds\.$/);
    const seconds = Number(/in (\d+) seconds/.exec(state.message!)![1]);
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThanOrEqual(backoffSeconds(SIGN_IN_LIMITS.perPair, SIGN_IN_LIMITS.perPair.free + 4));
  });
});

describe("per-client cap", () => {
  it(`refuses one client after more than ${SIGN_IN_LIMITS.perIp.free} failures across accounts, even with a right password; other clients are unaffected`, async () => {
    const ip = nextIp();
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.free; i++) expect(await attempt(`spray-${uid()}@test.local`, "Winter2026!", ip)).toBeNull();
    const email = await dedicatedUser();
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(ip))).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    const refused = (await attempt(email, PASSWORD, ip)) as RateLimitedError;
    expect(refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMITS.perIp.maxSeconds - 60);
    expect(await authorizeCredentials({ email, password: PASSWORD }, request(nextIp()))).toMatchObject({ email });
  });
});

describe("account enumeration", () => {
  it("an unknown email gets the same answer as a wrong password, in about the same time", async () => {
    const email = await dedicatedUser();
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, each from a fresh client (no throttling), so load on the machine hits both alike.
    for (let i = 0; i < 21; i++) {
      for (const [who, times] of [
        [email, known],
        [`nobody-${uid()}@test.local`, unknown],
      ] as const) {
        client.ip = nextIp();
        const started = performance.now();
        const state = await signInAction(null, signInForm(who, `wrong-${i}`));
        times.push(performance.now() - started);
        expect(state).toEqual(INCORRECT);
      }
    }
    const [k, u] = [median(known), median(unknown)];
    console.log(`[sign-in] median time, wrong password ${k.toFixed(1)} ms, unknown email ${u.toFixed(1)} ms (21 tries each)`);
    expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(2);
  });
});

describe("disabled users", () => {
  it("a disabled user's right password is refused with a clear message; a wrong one gets the usual answer", async () => {
    const email = await dedicatedUser({ disabled: true });
    await expect(authorizeCredentials({ email, password: PASSWORD }, request(nextIp()))).rejects.toBeInstanceOf(DisabledError);
    client.ip = nextIp();
    expect(await signInAction(null, signInForm(email, "wrong"))).toEqual(INCORRECT);
    expect(await signInAction(null, signInForm(email, PASSWORD))).toEqual({
      ok: false,
      message: "This account is disabled. Ask a data admin to enable it.",
    });
  });
});

describe("several portal processes", () => {
  it("share one throttle: failures counted through one pool refuse through another, and concurrent failures all count", async () => {
    const pools = [0, 1].map(() => new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) }));
    try {
      const [a, b] = pools.map((p) => createSignInThrottle(p));
      const email = `shared-${uid()}@test.local`;
      const ip = nextIp();
      // 20 failures at once, half through each "process": the atomic upsert loses none.
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).fail(ip, email)));
      const rows = await db.$queryRaw<{ failures: number }[]>`SELECT failures FROM sign_in_throttle WHERE key = ${`pair:${email}|${ip}`}`;
      expect(rows[0].failures).toBe(20);
      expect(await a.check(ip, email)).toMatchObject({ allowed: false });
      expect(await b.check(ip, email)).toMatchObject({ allowed: false });
      await b.succeed(ip, email);
      expect(await a.check(ip, email)).toEqual({ allowed: true });
    } finally {
      await Promise.all(pools.map((p) => p.$disconnect()));
    }
  });
});
