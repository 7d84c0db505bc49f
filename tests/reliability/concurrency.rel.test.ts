// Twenty people save the same thing at the same moment, all from the same loaded version: exactly one
// wins, the other nineteen are told there was a conflict (so nobody's edit is silently lost), and the
// stored state is the winner's, with versions that still add up.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import type { DataProductSpec } from "@/lib/products/types";
import { updateGlobalPolicy, upsertDomainPolicy } from "@/lib/governance/policies/update-policy.db";
import { GLOBAL_POLICY_NAME } from "@/lib/governance/policies/types";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";
import { ensurePlatformReferenceData } from "@/tests/provisioning-fixtures";

const WRITERS = 20;

let domain: string;
let owner: CurrentUser;
let governance: CurrentUser;

beforeAll(async () => {
  await ensurePlatformReferenceData();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  governance = await createPrincipal(["governance"]);
});

type Settled<T> = { winners: { i: number; value: T }[]; conflicts: number[]; other: { i: number; error: unknown }[] };

/** Starts every call before awaiting any, and sorts the outcomes. */
async function race<T>(calls: ((i: number) => Promise<T>)[]): Promise<Settled<T>> {
  const results = await Promise.allSettled(calls.map((call, i) => call(i)));
  const out: Settled<T> = { winners: [], conflicts: [], other: [] };
  results.forEach((r, i) => {
    if (r.status === "fulfilled") out.winners.push({ i, value: r.value });
    else if (r.reason instanceof ConflictError) out.conflicts.push(i);
    else out.other.push({ i, error: r.reason });
  });
  return out;
}

const describeErrors = (s: Settled<unknown>) =>
  s.other.map((o) => `#${o.i}: ${o.error instanceof Error ? `${o.error.name}: ${o.error.message}` : String(o.error)}`);

describe("20 simultaneous edits of one product", () => {
  it("a draft: one save wins, nineteen conflict, the product is the winner's", async () => {
    const spec = sampleSpec(domain);
    const { id } = await registerProduct(owner, spec);
    const edits = Array.from({ length: WRITERS }, (_, i): DataProductSpec => ({
      ...spec,
      description: `Edit number ${i}`,
      tags: [...spec.tags, `writer-${i}`],
    }));

    const s = await race(
      edits.map((edit) => () => saveProductVersion(owner, { domain, name: spec.name, spec: edit, expectedLockVersion: 0 })),
    );

    expect(describeErrors(s)).toEqual([]);
    expect(s.winners).toHaveLength(1);
    expect(s.conflicts).toHaveLength(WRITERS - 1);
    const winner = edits[s.winners[0].i];
    const product = await db.dataProduct.findUniqueOrThrow({
      where: { id },
      select: { description: true, tags: true, lockVersion: true, spec: true },
    });
    expect(product.description).toBe(winner.description);
    expect(product.tags).toEqual(winner.tags);
    expect((product.spec as unknown as DataProductSpec).description).toBe(winner.description);
    expect(product.lockVersion).toBe(1);
    // Still one working-copy version row, holding the winner's spec.
    const versions = await db.dataProductVersion.findMany({ where: { productId: id } });
    expect(versions).toHaveLength(1);
    expect((versions[0].spec as unknown as DataProductSpec).description).toBe(winner.description);
  });

  it("a published product: exactly one new immutable version, the rest conflict", async () => {
    const spec = sampleSpec(domain);
    const { id } = await registerProduct(owner, spec);
    await db.dataProduct.update({ where: { id }, data: { lifecycle: "published", publishedAt: new Date() } });
    const { lockVersion } = await db.dataProduct.findUniqueOrThrow({ where: { id }, select: { lockVersion: true } });
    // Each writer proposes a different (valid, non-breaking) next version.
    const edits = Array.from({ length: WRITERS }, (_, i): DataProductSpec => ({
      ...spec,
      version: `1.0.${i + 1}`,
      description: `Patch ${i + 1}`,
    }));

    const s = await race(
      edits.map((edit) => () => saveProductVersion(owner, { domain, name: spec.name, spec: edit, expectedLockVersion: lockVersion })),
    );

    expect(describeErrors(s)).toEqual([]);
    expect(s.winners).toHaveLength(1);
    expect(s.conflicts).toHaveLength(WRITERS - 1);
    const winner = edits[s.winners[0].i];
    const product = await db.dataProduct.findUniqueOrThrow({
      where: { id },
      select: { currentVersion: true, description: true, lockVersion: true },
    });
    expect(product).toEqual({ currentVersion: winner.version, description: winner.description, lockVersion: lockVersion + 1 });
    const versions = await db.dataProductVersion.findMany({
      where: { productId: id },
      orderBy: { createdAt: "asc" },
      select: { version: true },
    });
    expect(versions.map((v) => v.version)).toEqual(["1.0.0", winner.version]);
  });
});

describe("20 simultaneous edits of one policy", () => {
  const seedGlobal = readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", "global.yaml"), "utf8");

  it("the global policy: one new version, nineteen conflicts that carry the winner's change", async () => {
    const expectedVersion = await ensureGlobalPolicy();
    const yamls = Array.from({ length: WRITERS }, (_, i) =>
      seedGlobal.replace('"Publicly accessible data"', `"Publicly accessible data, edit ${i}"`),
    );

    const s = await race(
      yamls.map((yaml, i) => () => updateGlobalPolicy(governance, { yaml, expectedVersion, note: `Concurrent edit ${i}` })),
    );

    expect(describeErrors(s)).toEqual([]);
    expect(s.winners).toHaveLength(1);
    expect(s.conflicts).toHaveLength(WRITERS - 1);
    const w = s.winners[0].i;
    const policy = await db.policy.findUniqueOrThrow({
      where: { name: GLOBAL_POLICY_NAME },
      select: { id: true, version: true, spec: true },
    });
    expect(policy.version).toBe(expectedVersion + 1);
    expect(JSON.stringify(policy.spec)).toContain(`edit ${w}"`);
    const versions = await db.policyVersion.findMany({
      where: { policyId: policy.id, version: { gt: expectedVersion - 1 } },
      orderBy: { version: "asc" },
      select: { version: true, note: true },
    });
    expect(versions).toEqual([
      { version: expectedVersion, note: expect.any(String) },
      { version: expectedVersion + 1, note: `Concurrent edit ${w}` },
    ]);
    await ensureGlobalPolicy();
  });

  it("a domain policy that does not exist yet: one creation, nineteen conflicts", async () => {
    await ensureGlobalPolicy();
    const slug = (await createDomain()).slug;
    const yaml = (completeness: number) =>
      `apiVersion: v1\nkind: DomainGovernancePolicy\nmetadata:\n  name: ${slug}-governance\n  namespace: ${slug}-domain\nspec:\n  data_retention: 3_years\n  quality_requirements:\n    completeness: ${completeness}\n`;

    const s = await race(
      Array.from(
        { length: WRITERS },
        (_, i) => () => upsertDomainPolicy(governance, slug, { yaml: yaml(80 + i), expectedVersion: 0, note: `First version ${i}` }),
      ),
    );

    expect(describeErrors(s)).toEqual([]);
    expect(s.winners).toHaveLength(1);
    expect(s.conflicts).toHaveLength(WRITERS - 1);
    const policies = await db.policy.findMany({ where: { domain: { slug } }, select: { id: true, version: true, spec: true } });
    expect(policies).toHaveLength(1);
    expect(policies[0].version).toBe(1);
    expect(policies[0].spec).toMatchObject({ quality_requirements: { completeness: 80 + s.winners[0].i } });
    expect(await db.policyVersion.count({ where: { policyId: policies[0].id } })).toBe(1);
  });

  it("the domain policy again, from version 1: one version 2, nineteen conflicts", async () => {
    const slug = (await createDomain()).slug;
    const yaml = (completeness: number) =>
      `apiVersion: v1\nkind: DomainGovernancePolicy\nmetadata:\n  name: ${slug}-governance\n  namespace: ${slug}-domain\nspec:\n  quality_requirements:\n    completeness: ${completeness}\n`;
    await upsertDomainPolicy(governance, slug, { yaml: yaml(50), expectedVersion: 0, note: "Initial version" });

    const s = await race(
      Array.from(
        { length: WRITERS },
        (_, i) => () => upsertDomainPolicy(governance, slug, { yaml: yaml(60 + i), expectedVersion: 1, note: `Second version ${i}` }),
      ),
    );

    expect(describeErrors(s)).toEqual([]);
    expect(s.winners).toHaveLength(1);
    expect(s.conflicts).toHaveLength(WRITERS - 1);
    const policy = await db.policy.findFirstOrThrow({ where: { domain: { slug } }, select: { id: true, version: true, spec: true } });
    expect(policy.version).toBe(2);
    expect(policy.spec).toMatchObject({ quality_requirements: { completeness: 60 + s.winners[0].i } });
    expect(
      (await db.policyVersion.findMany({ where: { policyId: policy.id }, orderBy: { version: "asc" }, select: { version: true } })).map(
        (v) => v.version,
      ),
    ).toEqual([1, 2]);
  });
});
