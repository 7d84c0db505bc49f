// Re-tries the December attack with new variants of each class against a running portal (not part of
// `npm test`: the classes' regression tests are). Prints one line a probe and exits 1 if any got through.
//   BASE=http://127.0.0.1:3300 PORTAL_DB=postgresql://…/<the portal's database> node tests/reliability/replay-attack.mjs
import pg from "pg";
const base = process.env.BASE ?? "http://127.0.0.1:3300";
const db = new pg.Client({ connectionString: process.env.PORTAL_DB });
await db.connect();
const results = [];
const record = (cls, name, ok, detail = "") => {
  results.push({ cls, name, ok });
  console.log(`${ok ? "HELD" : "FAIL"} [${cls}] ${name} ${detail}`);
};
async function signIn(email, password = "meshport-demo", ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`, callbackUrl = "/") {
  const r1 = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const cookie1 = r1.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await r1.json();
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie1, "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl }),
  });
  const cookies = [cookie1, ...r.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  return { status: r.status, location: r.headers.get("location") ?? "", cookie: cookies, csrfToken };
}
const auditCount = async (marker) =>
  Number(
    (
      await db.query(
        "SELECT count(*) FROM audit_events WHERE resource LIKE $1 OR reason LIKE $1 OR subject LIKE $1 OR context::text LIKE $1",
        [`%${marker}%`],
      )
    ).rows[0].count,
  );

// 1. Audit flooding through other routes (anonymous, 6 kB of text)
const marker = `probe${Date.now()}`;
const garbage = marker + "X".repeat(6000);
const anon = [
  `/api/metrics/export?range=${garbage}`,
  `/api/provisioning/jobs/${garbage}`,
  `/api/provisioning/jobs/${garbage}/plan`,
  `/api/governance/revalidate/runs/${garbage}`,
  `/api/data/${garbage}/x`,
  `/api/data/sales/${garbage}`,
  `/api/products/${garbage}/x/export`,
  `/api/governance/audit/export?subject=${garbage}`,
  `/api/governance/policies/export?scope=global&version=${garbage}`,
  `/api/products/search?q=${garbage}`,
  `/api/domains?q=${garbage}`,
];
let fivexx = 0;
for (let i = 0; i < 10; i++)
  for (const u of anon) {
    const r = await fetch(base + u);
    if (r.status >= 500) fivexx++;
    await r.arrayBuffer();
  }
const ing = await fetch(`${base}/api/ingest/${garbage}/x?environment=staging`, {
  method: "POST",
  body: "a,b\n1,2\n",
  headers: { "content-type": "text/csv" },
});
await ing.arrayBuffer();
record(
  "audit flooding",
  `${anon.length * 10 + 1} anonymous requests with 6 kB in path/query across ${anon.length + 1} routes`,
  (await auditCount(marker)) === 0 && fivexx === 0,
  `audit rows with the text: ${await auditCount(marker)}, 5xx: ${fivexx}`,
);

// 2. Page parameters, signed in, on more pages
const sam = await signIn("sam.sales@meshport.local");
const greta = await signIn("greta.governance@meshport.local");
const pages = [
  "/catalog",
  "/domains",
  "/access",
  "/access/inbox",
  "/governance/audit",
  "/governance/policies/global/history",
  "/governance/compliance",
  "/platform/templates",
];
let bad = [];
for (const p of pages)
  for (const v of ["1e309", "-0", "0x10", "%00", "99999999999999999999999", "1.5", "NaN", "%C0"]) {
    const who = p.startsWith("/governance") ? greta : sam;
    const r = await fetch(`${base}${p}?page=${v}`, { headers: { cookie: who.cookie } });
    await r.arrayBuffer();
    if (r.status >= 500) bad.push(`${p}?page=${v}:${r.status}`);
  }
record("page parameters", `${pages.length} pages × 8 values`, bad.length === 0, bad.join(" "));

// 3. Invalid UTF-8 in other path segments
bad = [];
for (const p of [
  "/domains/%C0%AF",
  "/products/sales/%FF/versions",
  "/products/%E2%82/x/edit",
  "/api/data/%FF/x",
  "/api/products/%FF/x/export",
  "/governance/policies/domains/%FE",
]) {
  const r = await fetch(base + p, { headers: { cookie: sam.cookie } });
  await r.arrayBuffer();
  if (r.status >= 500 || !(r.headers.get("content-security-policy") || r.headers.get("x-content-type-options")))
    bad.push(`${p}:${r.status}`);
}
record("invalid UTF-8", "6 paths (pages and API)", bad.length === 0, bad.join(" "));

// 4. callbackUrl variants
bad = [];
for (const cb of [
  "/catalog\t",
  "/catalog%0d%0aSet-Cookie:x=1",
  "/\\evil.example",
  "https://evil.example/",
  "//evil.example",
  "/catalog\u0000",
  "javascript:alert(1)",
]) {
  const s = await signIn("carla.consumer@meshport.local", "meshport-demo", undefined, cb);
  if (
    s.status !== 302 ||
    /error/.test(s.location) ||
    new URL(s.location, base).port !== new URL(base).port ||
    !/^(localhost|127\.0\.0\.1)$/.test(new URL(s.location, base).hostname)
  )
    bad.push(`${JSON.stringify(cb)} → ${s.status} ${s.location}`);
}
record("callbackUrl", "7 hostile callback URLs", bad.length === 0, bad.join(" | "));

// 5. Sessions: a copied cookie after sign-out
const c = await signIn("carla.consumer@meshport.local");
const before = await fetch(`${base}/api/domains?q=sa`, { headers: { cookie: c.cookie } });
await before.arrayBuffer();
const so = await fetch(`${base}/api/auth/signout`, {
  method: "POST",
  redirect: "manual",
  headers: { cookie: c.cookie, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ csrfToken: c.csrfToken }),
});
await so.arrayBuffer();
const after = await fetch(`${base}/api/domains?q=sa`, { headers: { cookie: c.cookie } });
await after.arrayBuffer();
const renew = await (await fetch(`${base}/api/auth/session`, { headers: { cookie: c.cookie } })).json();
record(
  "sessions",
  "copied cookie after sign-out (data route and session renewal)",
  before.status === 200 && after.status === 401 && renew === null,
  `before ${before.status}, after ${after.status}, session ${JSON.stringify(renew)}`,
);

// 6. Lockout by a stranger: 12 wrong passwords from one client, right password from another
for (let i = 0; i < 12; i++) await signIn("eli.executive@meshport.local", `wrong-${i}`, "203.0.113.77");
const right = await signIn("eli.executive@meshport.local", "meshport-demo", "203.0.113.78");
record(
  "account lockout",
  "12 wrong passwords from one client, then the owner from another",
  right.status === 302 && !/error/.test(right.location),
  `${right.status} ${right.location}`,
);

// 7. Enumeration timing
const time = async (email) => {
  const t = performance.now();
  await signIn(email, "not-the-password", `192.0.2.${1 + Math.floor(Math.random() * 250)}`);
  return performance.now() - t;
};
const known = [],
  unknown = [];
for (let i = 0; i < 12; i++) {
  known.push(await time("ada.admin@meshport.local"));
  unknown.push(await time(`nobody${i}@meshport.local`));
}
const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
record(
  "enumeration",
  "12 wrong passwords vs 12 unknown e-mails",
  Math.max(med(known), med(unknown)) / Math.min(med(known), med(unknown)) < 1.5,
  `median ${med(known).toFixed(0)} ms vs ${med(unknown).toFixed(0)} ms`,
);

// 8. Titles signed out
const t1 = (await (await fetch(`${base}/products/sales/customer-data-product`)).text()).match(/<title>([^<]*)/)?.[1];
const t2 = (await (await fetch(`${base}/products/sales/no-such-product-${marker}`)).text()).match(/<title>([^<]*)/)?.[1];
const t3 = (await (await fetch(`${base}/domains/sales`)).text()).match(/<title>([^<]*)/)?.[1];
const t4 = (await (await fetch(`${base}/domains/no-such-domain-${marker}`)).text()).match(/<title>([^<]*)/)?.[1];
const t5 = (await (await fetch(`${base}/products/sales/accounts/versions`)).text()).match(/<title>([^<]*)/)?.[1];
const t6 = (await (await fetch(`${base}/products/sales/nothing-${marker}/versions`)).text()).match(/<title>([^<]*)/)?.[1];
record(
  "titles",
  "signed-out titles: product, domain and versions pages, existing vs missing",
  t1 === t2 && t3 === t4 && t5 === t6,
  `${t1} | ${t2} | ${t3} | ${t4} | ${t5} | ${t6}`,
);

console.log(`\n${results.filter((r) => r.ok).length} held, ${results.filter((r) => !r.ok).length} got through`);
await db.end();
process.exit(results.every((r) => r.ok) ? 0 : 1);
