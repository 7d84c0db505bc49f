// Policy administration against the real PostgreSQL: versions with notes and authors, optimistic
// concurrency, the federated balance (locked paths), bad input and the impact preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { registerProduct } from "@/lib/products/register-product";
import { serializeDomainPolicyYaml, domainPolicyDocument } from "@/lib/governance/policies/yaml";
import {
  LockedPolicyPathError,
  PolicyConflictError,
  updateGlobalPolicy,
  upsertDomainPolicy,
} from "@/lib/governance/policies/update-policy.db";
import { comparePolicyVersions, listPolicyVersions } from "@/lib/governance/policies/history.db";
import { previewPolicyChange } from "@/lib/governance/impact/preview-impact.db";
import { runRevalidation } from "@/lib/governance/revalidation/process-run.db";
import { stopQueue } from "@/lib/jobs/queue";
import { GLOBAL_POLICY_NAME, type DomainPolicy, type GlobalPolicy } from "@/lib/governance/policies/types";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";

/** The seed's global policy, as ensureGlobalPolicy stored it. */
let SEED_GLOBAL: GlobalPolicy;

let slug: string;
let other: string;
let gov1: CurrentUser;
let gov2: CurrentUser;
let owner: CurrentUser;
let producer: CurrentUser;
let outsiderOwner: CurrentUser;
let admin: CurrentUser;

const domainRow = (s: string) =>
  db.policy.findFirst({ where: { scope: "domain", domain: { slug: s } }, select: { id: true, version: true, spec: true } });
const versionCount = async (s: string) => {
  const row = await domainRow(s);
  return row ? db.policyVersion.count({ where: { policyId: row.id } }) : 0;
};
/** A domain policy in the form's wire shape (strings where a user types them). */
const specOf = (_slug: string, patch: Record<string, unknown> = {}) => ({
  data_retention: "3_years",
  access_model: "role_based",
  quality_requirements: { completeness: "98", accuracy: "99", freshness: "1_hour" },
  ...patch,
});

beforeAll(async () => {
  slug = (await createDomain()).slug;
  other = (await createDomain()).slug;
  gov1 = await createPrincipal(["governance"]);
  gov2 = await createPrincipal(["governance"]);
  owner = await createPrincipal(["data_producer"], { [slug]: "owner" });
  producer = await createPrincipal(["data_producer"], { [slug]: "producer" });
  outsiderOwner = await createPrincipal(["data_producer"], { [other]: "owner" });
  admin = await createPrincipal(["data_admin"]);
  // The integration database is migrated, not seeded: put the seed's global policy in place.
  await ensureGlobalPolicy();
  SEED_GLOBAL = (await db.policy.findUniqueOrThrow({ where: { name: GLOBAL_POLICY_NAME }, select: { spec: true } }))
    .spec as unknown as GlobalPolicy;
});

// Saves queue their re-validation run on pg-boss.
afterAll(async () => {
  await stopQueue();
});

describe("versioning", () => {
  it("creates a domain's first policy and keeps every save as a version with author and note", async () => {
    const first = await upsertDomainPolicy(gov1, slug, { spec: specOf(slug), expectedVersion: 0, note: "First policy for the domain" });
    expect(first.version).toBe(1);
    const second = await upsertDomainPolicy(gov2, slug, {
      spec: specOf(slug, { data_retention: "2_years" }),
      expectedVersion: 1,
      note: "Shorter retention",
    });
    expect(second.version).toBe(2);
    expect(second.changes).toEqual([{ path: "data_retention", kind: "changed", before: "3_years", after: "2_years" }]);
    const third = await upsertDomainPolicy(gov1, slug, {
      spec: specOf(slug, { data_retention: "2_years", access_model: "strict_role_based" }),
      expectedVersion: 2,
      note: "Strict roles",
    });
    expect(third.version).toBe(3);

    const history = await listPolicyVersions({ scope: "domain", slug });
    expect(history?.policy.version).toBe(3);
    expect(history?.versions.map((v) => [v.version, v.note, v.authorEmail])).toEqual([
      [3, "Strict roles", gov1.email],
      [2, "Shorter retention", gov2.email],
      [1, "First policy for the domain", gov1.email],
    ]);
    const row = await domainRow(slug);
    expect(row?.spec).toMatchObject({ domain: slug, data_retention: "2_years", access_model: "strict_role_based" });

    const diff = await comparePolicyVersions({ scope: "domain", slug }, 1, 3);
    expect(diff?.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ["data_retention", "3_years", "2_years"],
      ["access_model", "role_based", "strict_role_based"],
    ]);
  });

  it("refuses a save that changes nothing", async () => {
    const row = await domainRow(slug);
    const err = await upsertDomainPolicy(gov1, slug, {
      spec: specOf(slug, { data_retention: "2_years", access_model: "strict_role_based" }),
      expectedVersion: row!.version,
      note: "Same again",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(await versionCount(slug)).toBe(row!.version);
  });
});

describe("optimistic concurrency", () => {
  it("gives the second writer a conflict with the first one's change, and writes nothing", async () => {
    const loaded = (await domainRow(slug))!.version;
    // Both load version `loaded`; gov1 saves first.
    await upsertDomainPolicy(gov1, slug, {
      spec: specOf(slug, { data_retention: "1_year" }),
      expectedVersion: loaded,
      note: "One year is enough",
    });
    const before = await versionCount(slug);
    const err = await upsertDomainPolicy(gov2, slug, {
      spec: specOf(slug, { data_retention: "4_years" }),
      expectedVersion: loaded,
      note: "Keep longer",
    }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ConflictError);
    const conflict = (err as PolicyConflictError).conflict;
    expect(conflict.currentVersion).toBe(loaded + 1);
    expect(conflict.versions[0]).toMatchObject({ version: loaded + 1, note: "One year is enough", author: gov1.name });
    expect((err as Error).message).toContain(`${gov1.name} saved version ${loaded + 1}`);
    expect(conflict.theirChanges).toContainEqual({ path: "data_retention", kind: "changed", before: "2_years", after: "1_year" });
    expect(conflict.yourChanges).toContainEqual({ path: "data_retention", kind: "changed", before: "1_year", after: "4_years" });
    expect(conflict.current).toMatchObject({ data_retention: "1_year" });

    expect(await versionCount(slug)).toBe(before);
    expect((await domainRow(slug))?.spec).toMatchObject({ data_retention: "1_year" });

    // Nothing is lost: after seeing the change, gov2 saves on top of the current version.
    const retry = await upsertDomainPolicy(gov2, slug, {
      spec: specOf(slug, { data_retention: "4_years" }),
      expectedVersion: conflict.currentVersion,
      note: "Keep longer after all",
    });
    expect(retry.version).toBe(loaded + 2);
  });

  it("treats creating a policy that someone else already created as a conflict", async () => {
    const err = await upsertDomainPolicy(gov1, slug, { spec: specOf(slug), expectedVersion: 0, note: "Create again" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicyConflictError);
  });

  it("applies to the global policy too", async () => {
    const row = (await db.policy.findFirst({ where: { scope: "global" }, select: { version: true } }))!;
    const stale = row.version - 1;
    const count = await db.policyVersion.count({ where: { policy: { scope: "global" } } });
    const changed = {
      ...SEED_GLOBAL,
      data_quality: SEED_GLOBAL.data_quality.map((q) => (q.metric === "completeness" ? { ...q, threshold: 96 } : q)),
    };
    const err = await updateGlobalPolicy(gov2, { spec: changed, expectedVersion: stale, note: "Raise completeness" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicyConflictError);
    expect(await db.policyVersion.count({ where: { policy: { scope: "global" } } })).toBe(count);
    const saved = await updateGlobalPolicy(gov2, { spec: changed, expectedVersion: row.version, note: "Raise completeness" });
    expect(saved.version).toBe(row.version + 1);
    expect(saved.changes).toEqual([{ path: "data_quality[completeness].threshold", kind: "changed", before: 95, after: 96 }]);
    await updateGlobalPolicy(gov1, { spec: SEED_GLOBAL, expectedVersion: saved.version, note: "Back to the seed policy" });
  });
});

describe("who may change what", () => {
  it("lets a domain owner change a path the global policy leaves open", async () => {
    const row = (await domainRow(slug))!;
    const result = await upsertDomainPolicy(owner, slug, {
      spec: specOf(slug, { quality_requirements: { completeness: 98, accuracy: 99, freshness: "30_minutes" } }),
      expectedVersion: row.version,
      note: "Fresher data for sales",
    });
    expect(result.version).toBe(row.version + 1);
    const latest = await db.policyVersion.findFirst({
      where: { policyId: row.id },
      orderBy: { version: "desc" },
      select: { authorId: true },
    });
    expect(latest?.authorId).toBe(owner.id);
  });

  it("refuses a domain owner's change of a locked path with 403 and a field error naming it", async () => {
    const row = (await domainRow(slug))!;
    const before = await versionCount(slug);
    const spec = {
      ...(row.spec as DomainPolicy),
      overrides: { access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public"] }] },
    };
    const err = await upsertDomainPolicy(owner, slug, { spec, expectedVersion: row.version, note: "Narrow consumer access" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toBeInstanceOf(LockedPolicyPathError);
    expect((err as ForbiddenError).status).toBe(403);
    expect((err as LockedPolicyPathError).fieldErrors["overrides.access_control"]?.[0]).toContain(
      "access_control is locked by the global policy",
    );
    expect(await versionCount(slug)).toBe(before);
  });

  it("refuses producers, owners of other domains and admins; only governance edits the global policy", async () => {
    const row = (await domainRow(slug))!;
    const input = { spec: specOf(slug, { data_retention: "1_year" }), expectedVersion: row.version, note: "Try to change it" };
    for (const user of [producer, outsiderOwner, admin]) {
      await expect(upsertDomainPolicy(user, slug, input)).rejects.toBeInstanceOf(ForbiddenError);
    }
    const global = (await db.policy.findFirst({ where: { scope: "global" }, select: { version: true } }))!;
    for (const user of [owner, admin, producer]) {
      await expect(
        updateGlobalPolicy(user, { spec: SEED_GLOBAL, expectedVersion: global.version, note: "Try to change it" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(previewPolicyChange(producer, { scope: "domain", slug }, { spec: input.spec })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewPolicyChange(owner, { scope: "global" }, { spec: SEED_GLOBAL })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await versionCount(slug)).toBe(row.version);
  });
});

describe("bad input", () => {
  it('rejects malformed YAML, a 150% threshold, an unknown role, retention "forever" and a missing note, saving nothing', async () => {
    const row = (await domainRow(slug))!;
    const globalRow = (await db.policy.findFirst({ where: { scope: "global" }, select: { version: true } }))!;
    const globalCount = await db.policyVersion.count({ where: { policy: { scope: "global" } } });
    const domainCount = await versionCount(slug);
    const fieldErrorsOf = async (p: Promise<unknown>) => {
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      return (err as ValidationError).fieldErrors ?? {};
    };

    const yamlErrors = await fieldErrorsOf(
      updateGlobalPolicy(gov1, {
        yaml: "apiVersion: v1\nkind: DataGovernancePolicy\nspec:\n  locked: [a\n",
        expectedVersion: globalRow.version,
        note: "Broken upload",
      }),
    );
    expect(yamlErrors.yaml?.[0]).toMatch(/line \d+/);

    const threshold = { ...SEED_GLOBAL, data_quality: [{ metric: "completeness", threshold: "150%", enforcement: "warning" }] };
    expect(
      (await fieldErrorsOf(updateGlobalPolicy(gov1, { spec: threshold, expectedVersion: globalRow.version, note: "Very strict" })))[
        "data_quality[0].threshold"
      ]?.[0],
    ).toContain("between 0 and 100 (got 150)");

    const role = {
      ...SEED_GLOBAL,
      access_control: [...SEED_GLOBAL.access_control, { role: "data_wizard", permissions: ["read"], data_access: ["public"] }],
    };
    expect(
      (await fieldErrorsOf(updateGlobalPolicy(gov1, { spec: role, expectedVersion: globalRow.version, note: "New role" })))[
        "access_control[3].role"
      ]?.[0],
    ).toContain('unknown role "data_wizard"');

    const forever = await fieldErrorsOf(
      upsertDomainPolicy(gov1, slug, { spec: specOf(slug, { data_retention: "forever" }), expectedVersion: row.version, note: "" }),
    );
    expect(forever.data_retention?.[0]).toContain('"forever"');
    expect(forever.note?.[0]).toContain("at least 5 characters");

    expect(await db.policyVersion.count({ where: { policy: { scope: "global" } } })).toBe(globalCount);
    expect(await versionCount(slug)).toBe(domainCount);
  });

  it("accepts a domain policy as YAML in the seed's format, and refuses one for another domain", async () => {
    const fresh = (await createDomain()).slug;
    const doc = domainPolicyDocument({
      domain: fresh,
      data_retention: "1_year",
      access_model: "attribute_based",
      quality_requirements: { freshness: "4_hours" },
    });
    const saved = await upsertDomainPolicy(gov1, fresh, {
      yaml: serializeDomainPolicyYaml(doc),
      expectedVersion: 0,
      note: "Imported from YAML",
    });
    expect(saved.version).toBe(1);
    const err = await upsertDomainPolicy(gov1, other, {
      yaml: serializeDomainPolicyYaml(doc),
      expectedVersion: 0,
      note: "Wrong file",
    }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors?.yaml?.[0]).toContain("metadata.namespace");
    expect(await versionCount(other)).toBe(0);
  });
});

describe("impact", () => {
  it("previews the products a tightened policy breaks, and re-validates them after saving", async () => {
    const spec = sampleSpec(slug, { slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 20 } }); // fine at 30 minutes
    const created = await registerProduct(producer, spec);
    const row = (await domainRow(slug))!;
    const current = row.spec as DomainPolicy;
    const tightened = {
      ...specOf(slug),
      data_retention: current.data_retention,
      access_model: current.access_model,
      quality_requirements: { ...current.quality_requirements, freshness: "15_minutes" },
    };

    const preview = await previewPolicyChange(gov1, { scope: "domain", slug }, { spec: tightened });
    const hit = preview.affected.find((p) => p.name === spec.name);
    expect(hit?.domain).toBe(slug);
    expect(hit?.newErrors.map((e) => e.ruleId)).toContain("slo.freshness");
    expect(await versionCount(slug)).toBe(row.version); // a preview writes nothing

    const saved = await upsertDomainPolicy(gov1, slug, {
      spec: tightened,
      expectedVersion: row.version,
      note: "Sales data every 15 minutes",
    });
    // The save queued the domain's re-validation; the worker's handler runs it.
    expect(saved.revalidation.total).toBeGreaterThanOrEqual(1);
    await runRevalidation(saved.revalidation.runId);
    const validation = await db.productValidation.findFirst({
      where: { productId: created.id, trigger: "policy-change" },
      orderBy: { createdAt: "desc" },
      select: { status: true, findings: true },
    });
    expect(validation?.status).toBe("failing");
    expect(JSON.stringify(validation?.findings)).toContain("slo.freshness");
  });

  it("reports locked paths already at the preview step", async () => {
    const row = (await domainRow(slug))!;
    const spec = { ...(row.spec as DomainPolicy), overrides: { compliance: [] } };
    const err = await previewPolicyChange(owner, { scope: "domain", slug }, { spec }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors?.["overrides.compliance"]?.[0]).toContain("locked");
  });
});
