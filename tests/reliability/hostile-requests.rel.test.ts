// Requests that used to leave a mark they should not: through the real route handlers and page modules.
//  - anonymous refusals with kilobytes of text in the query (the append-only audit log grew by one row
//    of that text per request); the audit writer's bounds for every caller;
//  - a NUL in the audit log's filters (a 500 on the page, a CSV download cut after its 200);
//  - absurd ?page= values (a 500 wherever a page number became an OFFSET);
//  - page titles that said, before the sign-in redirect, whether a product or domain exists.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { FIRST_ROWS_PER_WINDOW } from "@/lib/audit/anonymous-refusals";
import { MAX_PAGE } from "@/lib/pagination";
import { stopQueue } from "@/lib/jobs/queue";
import { dropTestRoles } from "@/tests/provisioning-fixtures";
import { callRoute, ROOT, state } from "./harness";
import { buildWorld, type World } from "./world";

vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));

const POLICY_EXPORT = "app/api/governance/policies/export/route.ts#GET";
const AUDIT_EXPORT = "app/api/governance/audit/export/route.ts#GET";
const url = (p: string) => `http://portal.test${p}`;
// 6 kB of what an attacker would like to see in a log forever: NULs, line breaks, a bidi override.
const GARBAGE = `${"evil\u0000\r\n\u202e<script>".repeat(400)}`.slice(0, 6000);
const MARK = "evil";

let world: World;

/** Every .ts/.tsx module under app/, relative to the repository. */
function appModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) out.push(path.relative(ROOT, p));
    }
  };
  walk(path.join(ROOT, "app"));
  return out;
}

beforeAll(async () => {
  world = await buildWorld();
}, 300_000);

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

const maxAuditId = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
const rowsSince = (id: bigint) => db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });

describe("the append-only audit log cannot be filled by anonymous requests", () => {
  it("100 anonymous policy exports with 6 kB of garbage as the domain: 400 each, and not one audit row", async () => {
    state.session = null;
    const before = await maxAuditId();
    const q = new URLSearchParams({ scope: "domain", domain: GARBAGE }).toString();
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i++)
      statuses.add((await callRoute(POLICY_EXPORT, { url: url(`/api/governance/policies/export?${q}`) })).status!);
    expect([...statuses]).toEqual([400]);
    const rows = await rowsSince(before);
    expect(rows.filter((r) => JSON.stringify(r).includes(MARK))).toEqual([]);
    expect(rows).toEqual([]);
  });

  it("100 anonymous refusals of the same valid request: 401 each, a bounded number of rows, all counted", async () => {
    state.session = null;
    const before = await maxAuditId();
    const totalBefore = await anonymousTotal();
    const domain = world.domain;
    for (let i = 0; i < 100; i++) {
      const seen = await callRoute(POLICY_EXPORT, { url: url(`/api/governance/policies/export?scope=domain&domain=${domain}`) });
      expect(seen.status).toBe(401);
    }
    const rows = await rowsSince(before);
    // The first refusal of this key in the window, at most one "over the cap" note and a summary per
    // power of ten the window's total crossed (two at most for 100 requests). Twice that if the test
    // happened to straddle a window boundary.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2 * 4);
    for (const r of rows) {
      expect(r.subject).toBe("anonymous");
      expect(["export_policy", "anonymous_refusals"]).toContain(r.action);
    }
    expect(rows.filter((r) => r.action === "export_policy").every((r) => r.resource === `policy:${domain}-governance`)).toBe(true);
    expect((await anonymousTotal()) - totalBefore).toBeGreaterThanOrEqual(100);
  });

  it(`many different anonymous refusals: at most ${FIRST_ROWS_PER_WINDOW} first rows per window, then only counted`, async () => {
    state.session = null;
    const before = await maxAuditId();
    for (let i = 0; i < 60; i++) {
      const seen = await callRoute(POLICY_EXPORT, { url: url(`/api/governance/policies/export?scope=domain&domain=no-such-domain-${i}`) });
      expect(seen.status).toBe(401);
    }
    const rows = await rowsSince(before);
    // Per window: ≤ FIRST_ROWS_PER_WINDOW first rows + 1 overflow note + summaries (10, 100: 2 at most here).
    expect(rows.length).toBeLessThanOrEqual(2 * (FIRST_ROWS_PER_WINDOW + 1 + 2));
    const keys = await db.anonymousRefusal.count({
      where: { action: "export_policy", resource: { startsWith: "policy:no-such-domain-" } },
    });
    expect(keys).toBeLessThanOrEqual(2 * FIRST_ROWS_PER_WINDOW);
  });

  it("the audit writer bounds and cleans whatever a caller passes (signed-in rows are still one per decision)", async () => {
    const id = await audit({
      subject: `${GARBAGE}@x`,
      action: GARBAGE,
      resource: `data_product:${GARBAGE}`,
      decision: "deny",
      reason: GARBAGE,
      policyId: GARBAGE,
      requestId: GARBAGE,
      context: { note: GARBAGE, [GARBAGE]: 1 },
    });
    expect(id).toMatch(/^\d+$/);
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(id!) } });
    expect(row.resource.length).toBeLessThanOrEqual(300);
    expect(row.reason.length).toBeLessThanOrEqual(1000);
    expect(row.subject.length).toBeLessThanOrEqual(320);
    expect(JSON.stringify(row.context).length).toBeLessThan(1000);
    expect(JSON.stringify({ ...row, id: String(row.id) })).not.toMatch(/\\u0000|\\r|\\n|\u202e/);
  });
});

async function anonymousTotal(): Promise<number> {
  const rows = await db.anonymousRefusal.aggregate({ where: { action: "*", resource: "*" }, _sum: { count: true } });
  return rows._sum.count ?? 0;
}

describe("control characters in the audit log's filters", () => {
  it("the CSV export answers a NUL in any filter with a complete CSV (never a download cut after 200)", async () => {
    state.session = { uid: world.users.governance!.id };
    try {
      for (const key of ["subject", "resource", "action"]) {
        const response = await (
          await import(path.join(ROOT, AUDIT_EXPORT.split("#")[0]))
        ).GET(new Request(url(`/api/governance/audit/export?${key}=a%00b`)));
        expect(response.status).toBe(200);
        const body = await response.text(); // throws if the stream errors mid-way
        expect(body.split("\n")[0]).toMatch(/^id,/);
      }
    } finally {
      state.session = null;
    }
  });

  it("the audit page renders with a NUL in its filters", async () => {
    state.session = { uid: world.users.governance!.id };
    try {
      const page = (await import(path.join(ROOT, "app/(portal)/governance/audit/page.tsx"))).default as (p: {
        searchParams: Promise<Record<string, string>>;
      }) => Promise<unknown>;
      await expect(
        page({ searchParams: Promise.resolve({ subject: "a\u0000b", resource: "\u0000", action: "x\u0000" }) }),
      ).resolves.toBeTruthy();
    } finally {
      state.session = null;
    }
  });

  it("a bad filter is a 400 before anything is authorized or audited, for anyone", async () => {
    state.session = null;
    const before = await maxAuditId();
    const seen = await callRoute(AUDIT_EXPORT, { url: url(`/api/governance/audit/export?subject=${"x".repeat(5000)}`) });
    expect(seen.status).toBe(400);
    expect(await rowsSince(before)).toEqual([]);
  });
});

describe("?page= is parsed in one place", () => {
  it("every module under app/ that reads a page parameter uses parsePage and parses no number itself", () => {
    const readers = appModules().filter((f) =>
      /\b(sp|q|params)\.page\b|searchParams\)\.page\b/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(readers.length).toBeGreaterThanOrEqual(15);
    const offenders = readers.filter((f) => {
      const text = readFileSync(path.join(ROOT, f), "utf8");
      // parseSearchParams and PolicyHistoryView call parsePage themselves.
      const delegates = ["parsePage(", "parseSearchParams(", "<PolicyHistoryView"].some((call) => text.includes(call));
      return !delegates || /(parseInt|Number)\([^)]*\.page\b/.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it("the catalog's search API answers huge, negative, fractional and non-numeric pages (200, clamped)", async () => {
    state.session = { uid: world.users.consumer!.id };
    try {
      for (const [raw, expected] of [
        ["99999999999999999999", MAX_PAGE],
        ["-5", 1],
        ["2.5", 1],
        ["NaN", 1],
        ["1e400", 1],
      ] as const) {
        const response = await (
          await import(path.join(ROOT, "app/api/products/search/route.ts"))
        ).GET(new Request(url(`/api/products/search?page=${raw}`)));
        expect(response.status).toBe(200);
        expect(((await response.json()) as { page: number }).page).toBe(expected);
      }
    } finally {
      state.session = null;
    }
  });

  it("paginated pages render with a huge page number (as the user each is for)", async () => {
    const cases: [string, keyof World["users"], Record<string, string>?][] = [
      ["app/(portal)/platform/(overview)/page.tsx", "admin"],
      ["app/(portal)/platform/templates/page.tsx", "admin"],
      ["app/(portal)/platform/processing/page.tsx", "admin"],
      ["app/(portal)/governance/policies/(list)/page.tsx", "governance"],
      ["app/(portal)/governance/(overview)/page.tsx", "governance"],
      ["app/(portal)/governance/compliance/page.tsx", "governance"],
      ["app/(portal)/domains/page.tsx", "admin"],
      ["app/(portal)/access/page.tsx", "consumer"],
      ["app/(portal)/access/inbox/page.tsx", "owner"],
      ["app/(portal)/notifications/page.tsx", "consumer"],
      ["app/(portal)/webhooks/page.tsx", "owner"],
    ];
    const product = await world.product({ lifecycle: "published" });
    const productParams = { domain: product.domain, product: product.name };
    cases.push(
      ["app/(portal)/products/[domain]/[product]/compliance/page.tsx", "owner", productParams],
      ["app/(portal)/products/[domain]/[product]/quality/page.tsx", "owner", productParams],
      ["app/(portal)/products/[domain]/[product]/reviews/page.tsx", "owner", productParams],
      ["app/(portal)/products/[domain]/[product]/deployments/page.tsx", "owner", productParams],
      ["app/(portal)/domains/[slug]/page.tsx", "owner", { slug: world.domain }],
      ["app/(portal)/metrics/domains/[slug]/page.tsx", "owner", { slug: world.domain }],
      ["app/(portal)/governance/compliance/domains/[slug]/page.tsx", "governance", { slug: world.domain }],
      ["app/(portal)/governance/policies/global/history/page.tsx", "governance"],
    );
    const { createWebhookSubscription } = await import("@/lib/notifications/subscriptions");
    const hook = await createWebhookSubscription(world.users.owner!, {
      url: "https://hooks.example.org/meshport",
      scope: world.domain,
      eventTypes: ["access.requested"],
    });
    cases.push(["app/(portal)/webhooks/[id]/page.tsx", "owner", { id: hook.id }]);
    for (const [file, who, params] of cases) {
      state.session = { uid: world.users[who]!.id };
      state.redirects = [];
      try {
        const page = (await import(path.join(ROOT, file))).default as (p: {
          params: Promise<Record<string, string>>;
          searchParams: Promise<Record<string, string>>;
        }) => Promise<unknown>;
        for (const raw of ["99999999999999999999", "-1", "1.5", "NaN"]) {
          await expect(
            page({ params: Promise.resolve(params ?? {}), searchParams: Promise.resolve({ page: raw }) }),
            `${file} ?page=${raw}`,
          ).resolves.toBeTruthy();
        }
        expect(state.redirects, file).toEqual([]);
      } finally {
        state.session = null;
      }
    }
  });
});

describe("page titles before sign-in", () => {
  const TITLED: [string, (w: World, exists: boolean) => Record<string, string>][] = [
    [
      "app/(portal)/products/[domain]/[product]/(overview)/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    [
      "app/(portal)/products/[domain]/[product]/compliance/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    [
      "app/(portal)/products/[domain]/[product]/quality/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    [
      "app/(portal)/products/[domain]/[product]/reviews/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    [
      "app/(portal)/products/[domain]/[product]/lineage/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    [
      "app/(portal)/products/[domain]/[product]/deployments/page.tsx",
      (w, e) => ({ domain: w.domain, product: e ? productName : "no-such-product" }),
    ],
    ["app/(portal)/domains/[slug]/page.tsx", (w, e) => ({ slug: e ? w.domain : "no-such-domain" })],
    ["app/(portal)/metrics/domains/[slug]/page.tsx", (w, e) => ({ slug: e ? w.domain : "no-such-domain" })],
    ["app/(portal)/governance/compliance/domains/[slug]/page.tsx", (w, e) => ({ slug: e ? w.domain : "no-such-domain" })],
  ];
  let productName = "";

  it("every generateMetadata under app/ is listed here", () => {
    const withMetadata = appModules().filter((f) =>
      /export (async )?function generateMetadata/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(withMetadata.sort()).toEqual(TITLED.map(([f]) => f).sort());
  });

  it("without a session, an existing and a missing product or domain get the same generic title", async () => {
    productName = (await world.product({ lifecycle: "published" })).name;
    for (const [file, params] of TITLED) {
      const { generateMetadata } = (await import(path.join(ROOT, file))) as {
        generateMetadata: (p: { params: Promise<Record<string, string>> }) => Promise<{ title?: unknown }>;
      };
      state.session = null;
      const existing = await generateMetadata({ params: Promise.resolve(params(world, true)) });
      const missing = await generateMetadata({ params: Promise.resolve(params(world, false)) });
      expect(existing, file).toEqual(missing);
      expect(existing.title, file).toBeUndefined();
      // Signed in, the title names the thing (and the missing one says so).
      state.session = { uid: world.users.admin!.id };
      const named = await generateMetadata({ params: Promise.resolve(params(world, true)) });
      expect(String(named.title), file).toMatch(new RegExp(`${productName}|${world.domain}|Domain `));
      state.session = null;
    }
  });
});
