// `meshport apply` against the portal's route handlers on the real PostgreSQL (fetch answered by the route file
// the URL names, with a real token): a directory of several contracts goes through the batch route in batches
// of at most 1,000, one line per product and a total; a bad file refuses its batch, named by file; a failing
// product exits 1; a single file keeps the single-document route and its findings. `meshport diff` reads a
// contract as the portal does (several datasets, nested properties, a username for owner).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/current-user";
import { stopQueue } from "@/lib/jobs/queue";
import { createDomain, createPrincipal, ensureGlobalPolicy, uid } from "@/prisma/seed/factories";
import { handlerForPath, ORIGIN } from "@/tests/api-client";
import { ordersContract } from "@/tests/odcs-contracts";
import { main } from "./meshport";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const requests: string[] = [];
let inFlight = 0;
let mostInFlight = 0;

// The CLI's fetch, answered by the static route under app/ that the URL names (the routes apply uses).
async function portalFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input));
  requests.push(`${init?.method ?? "GET"} ${url.pathname}`);
  mostInFlight = Math.max(mostInFlight, ++inFlight);
  try {
    const { handlers, params } = await handlerForPath(url.pathname);
    return await handlers[init?.method ?? "GET"](new Request(url, init), { params: Promise.resolve(params) });
  } finally {
    inFlight--;
  }
}

let domain: string;
let owner: CurrentUser;
let dir: string;

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n"), lines: stdout };
}

/** A fresh directory of contracts (YAML and JSON alternately); returns it and the product names. */
function contracts(count: number, opts: { version?: string; classification?: string; names?: string[] } = {}) {
  const at = mkdtempSync(path.join(dir, "specs-"));
  const names = opts.names ?? Array.from({ length: count }, (_, i) => `cli-${String(i).padStart(4, "0")}-${uid()}`);
  names.forEach((name, i) => {
    const c = ordersContract(name, { domain, owner: owner.email, ...opts });
    writeFileSync(path.join(at, i % 2 === 0 ? `${name}.yaml` : `${name}.json`), i % 2 === 0 ? stringify(c) : JSON.stringify(c));
  });
  return { at, names };
}

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  const { secret } = await createApiToken(owner, { name: "cli", scopes: ["read", "write"], expiresInDays: 30 });
  dir = mkdtempSync(path.join(tmpdir(), "meshport-cli-"));
  vi.stubEnv("MESHPORT_URL", ORIGIN);
  vi.stubEnv("MESHPORT_TOKEN", secret);
  vi.stubEnv("XDG_CONFIG_HOME", dir);
  vi.stubGlobal("fetch", portalFetch);
});

beforeEach(() => {
  requests.length = 0;
  mostInFlight = 0;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await stopQueue();
});

const stored = (names: string[]) => db.dataProduct.count({ where: { domain: { slug: domain }, name: { in: names } } });

describe("meshport apply with several documents", () => {
  it("sends 1,001 contracts as two batches, printing a line per product and the total", async () => {
    const { at, names } = contracts(1001);
    const r = await cli("apply", "-f", at);
    expect(r.code, r.stderr).toBe(0);
    expect(requests).toEqual(["POST /api/v1/products/batch", "POST /api/v1/products/batch"]);
    // Both batches were in flight at once (the portal validates one while PostgreSQL writes the other).
    expect(mostInFlight).toBe(2);
    expect(r.lines.filter((l) => /^✓ registered /.test(l))).toHaveLength(1001);
    expect(r.stdout).toMatch(
      new RegExp(`✓ registered ${domain}/${names[0]} 1\\.0\\.0 — (passing|warnings) \\(0 error\\(s\\), \\d+ warning\\(s\\)\\)`),
    );
    expect(r.lines.at(-1)).toBe("1001 registered, 0 versioned, 0 failing.");
    expect(await stored(names)).toBe(1001);
  }, 120_000);

  it("takes several -f, prints versions, and --json gives the combined result", async () => {
    const first = contracts(2);
    const second = contracts(1);
    expect((await cli("apply", "-f", first.at, "-f", second.at)).code).toBe(0);
    expect(requests).toEqual(["POST /api/v1/products/batch"]);
    const again = contracts(3, { version: "1.1.0", names: [...first.names, ...second.names] });
    const r = await cli("apply", "-f", again.at, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      registered: 0,
      products: [],
      versioned: expect.arrayContaining(
        again.names.map((name) =>
          expect.objectContaining({
            action: "versioned",
            domain,
            name,
            version: "1.1.0",
            status: expect.stringMatching(/^(passing|warnings)$/),
          }),
        ),
      ),
      refused: [],
      refusedBatches: [],
    });
    // A version older than the stored one is refused for that product alone, named by file; exit 1.
    const older = contracts(1, { version: "0.9.0", names: [first.names[0]] });
    const refused = await cli("apply", "-f", older.at, "-f", contracts(1).at);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`✗ version refused ${domain}/${first.names[0]} (${older.at}`);
    expect(refused.lines.at(-1)).toBe("1 registered, 0 versioned, 1 version(s) refused, 0 failing.");
  });

  it("exits 1 naming the bad file when a batch is refused, and writes nothing of it", async () => {
    const { at, names } = contracts(3);
    const bad = path.join(at, "zz-broken.yaml");
    writeFileSync(bad, "apiVersion: v3.1.0\nkind: DataContract\nid: broken\nversion: 1.0.0\n");
    const r = await cli("apply", "-f", at);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("✗ refused, nothing of it applied:");
    expect(r.stderr).toMatch(new RegExp(`^  ${bad.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "m"));
    expect(r.lines.at(-1)).toBe("0 registered, 0 versioned, 0 failing; a batch was refused.");
    expect(await stored(names)).toBe(0);
  });

  it("exits 1 when a registered product fails its domain's policy", async () => {
    // Restricted data the producers may write: the global policy forbids it (an error finding).
    const { at } = contracts(2, { classification: "restricted" });
    const r = await cli("apply", "-f", at);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^✗ registered .* — failing \([1-9]\d* error\(s\)/m);
    expect(r.lines.at(-1)).toBe("2 registered, 0 versioned, 2 failing.");
  });

  it("keeps the single-document route, with its findings, for one file", async () => {
    const { at, names } = contracts(1);
    mkdirSync(path.join(at, "empty"));
    const r = await cli("apply", "-f", at);
    expect(r.code, r.stderr).toBe(0);
    expect(requests).toEqual(["POST /api/v1/products"]);
    expect(r.stdout).toContain(`registered ${domain}/${names[0]} 1.0.0`);
  });
});

describe("meshport diff", () => {
  it("compares a contract as the portal will: other datasets and nested properties, not a username owner", async () => {
    const { at, names } = contracts(1);
    expect((await cli("apply", "-f", at)).code).toBe(0);
    const next = ordersContract(names[0], { domain, version: "1.1.0" }) as { schema: { properties: Record<string, unknown>[] }[] };
    // The owner as a username (the portal maps it to a member), a new top-level field, a nested property
    // removed from the first dataset and one added to the second.
    Object.assign(next, { team: { members: [{ username: "orders-lead", role: "owner" }] } });
    next.schema[0].properties.push({ name: "channel", logicalType: "string" });
    const shipping = next.schema[0].properties.find((p) => p.name === "shipping") as { properties: { name: string }[] };
    shipping.properties = shipping.properties.filter((p) => p.name !== "country");
    const attributes = next.schema[1].properties.find((p) => p.name === "attributes") as { properties: unknown[] };
    attributes.properties.push({ name: "size", logicalType: "string" });
    const file = path.join(at, `${names[0]}.yaml`);
    writeFileSync(file, stringify(next));

    requests.length = 0;
    const r = await cli("diff", "-f", file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines[0]).toBe(`~ ${domain}/${names[0]} 1.0.0 → 1.1.0: 3 change(s)`);
    expect(r.lines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}(?!BREAKING).*channel/),
        expect.stringMatching(/^ {2}BREAKING .*shipping\.country/),
        expect.stringMatching(/^ {2}(?!BREAKING).*attributes\.size/),
      ]),
    );
    expect(requests).toEqual([
      `GET /api/v1/products/${domain}/${names[0]}/contract`,
      `GET /api/v1/products/${domain}/${names[0]}/contract`,
    ]);

    // A product the portal does not hold yet, and a document without a domain.
    const fresh = contracts(1);
    expect((await cli("diff", "-f", fresh.at)).lines).toEqual([`+ ${domain}/${fresh.names[0]} 1.0.0: new product`]);
    const nowhere = path.join(at, "nowhere.yaml");
    writeFileSync(nowhere, stringify(ordersContract(`cli-nowhere-${uid()}`)));
    const refused = await cli("diff", "-f", nowhere);
    expect(refused.code).toBe(2); // a usage problem, as for any command
    expect(refused.stderr).toContain("pass --domain");
  });
});
