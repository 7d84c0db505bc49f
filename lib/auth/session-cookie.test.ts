import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionClaims, sessionCookieName } from "@/lib/auth/session-cookie";

const SECRET = "test-secret-test-secret-test-secret";
const NAME = "authjs.session-token";
const uid = "00000000-0000-4000-8000-000000000001";
const sid = "00000000-0000-4000-8000-000000000002";

function jar(cookies: Record<string, string>) {
  return { get: (n: string) => (n in cookies ? { value: cookies[n] } : undefined), has: (n: string) => n in cookies };
}

async function cookie(claims: Record<string, unknown>, opts: { secret?: string; salt?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: opts.secret ?? SECRET, salt: opts.salt ?? NAME, maxAge: opts.maxAge });
}

describe("sessionCookieName", () => {
  it("follows next-auth: AUTH_URL's protocol first, else the forwarded protocol (https when absent)", () => {
    expect(sessionCookieName(undefined, "http")).toBe(NAME);
    expect(sessionCookieName(undefined, "https")).toBe(`__Secure-${NAME}`);
    expect(sessionCookieName(undefined, null)).toBe(`__Secure-${NAME}`);
    expect(sessionCookieName("https://meshport.example.com", "http")).toBe(`__Secure-${NAME}`);
    expect(sessionCookieName("http://localhost:3000", "https")).toBe(NAME);
  });
});

describe("readSessionClaims", () => {
  const now = Date.now();
  const end = now + 3_600_000;

  it("reads a cookie next-auth wrote, and the same value again from memory", async () => {
    const value = await cookie({ uid, sid, end });
    const first = await readSessionClaims(jar({ [NAME]: value }), NAME, SECRET, now);
    expect(first).toMatchObject({ uid, sid, end });
    expect(await readSessionClaims(jar({ [NAME]: value }), NAME, SECRET, now + 1000)).toMatchObject({ uid, sid });
  });

  it("lets nothing through that next-auth would refuse", async () => {
    const none = async (cookies: Record<string, string>, at = now) =>
      expect(await readSessionClaims(jar(cookies), NAME, SECRET, at)).toBeNull();
    await none({});
    await none({ [NAME]: "not-a-token" });
    await none({ [NAME]: await cookie({ uid, sid, end }, { secret: "another-secret-another-secret-12" }) });
    // encrypted for the other cookie name (the salt): not valid under this one
    await none({ [NAME]: await cookie({ uid, sid, end }, { salt: `__Secure-${NAME}` }) });
    // no server-side session id, or past the session's absolute end
    await none({ [NAME]: await cookie({ uid, end }) });
    const ended = await cookie({ uid, sid, end });
    await none({ [NAME]: ended }, end);
    // a value already kept in memory is checked against the clock again
    expect(await readSessionClaims(jar({ [NAME]: ended }), NAME, SECRET, now)).not.toBeNull();
    await none({ [NAME]: ended }, end + 1);
    // the JWT's own expiry (plus next-auth's 15 s tolerance)
    const short = await cookie({ uid, sid, end: now + 10 * 86_400_000 }, { maxAge: 60 });
    expect(await readSessionClaims(jar({ [NAME]: short }), NAME, SECRET, now)).not.toBeNull();
    await none({ [NAME]: short }, now + 76_000);
  });

  it("leaves a cookie split into chunks to next-auth", async () => {
    expect(await readSessionClaims(jar({ [`${NAME}.0`]: "a", [`${NAME}.1`]: "b" }), NAME, SECRET, now)).toBe("fallback");
  });
});
