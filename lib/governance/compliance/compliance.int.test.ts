// Validation, the publish gate and acknowledgements against the real PostgreSQL: what is stored, what is
// refused, and what the audit log says about it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import type { DataProductSpec } from "@/lib/products/types";
import { acknowledgeWarnings } from "@/lib/governance/compliance/acknowledge-warnings.db";
import { latestValidation, validateProductById } from "@/lib/governance/compliance/validate-products.db";
import { revalidateProducts } from "@/lib/governance/revalidation/process-run.db";
import { createDomain, createDomainPolicy, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";

let domain: string;
let owner: CurrentUser;
let producer: CurrentUser;
let globalVersion: number;

beforeAll(async () => {
  globalVersion = await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  await createDomainPolicy(domain, { quality_requirements: { freshness: "1_hour" } });
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  producer = await createPrincipal(["data_producer"], { [domain]: "producer" });
});

async function register(patch: Partial<DataProductSpec>) {
  const spec = sampleSpec(domain, patch);
  const created = await registerProduct(owner, spec);
  return { id: created.id, spec, ref: { domain, name: spec.name } };
}

const lifecycleOf = async (id: string) =>
  (await db.dataProduct.findUniqueOrThrow({ where: { id }, select: { lifecycle: true } })).lifecycle;
const publicationsOf = (id: string) => db.metricEvent.count({ where: { productId: id, type: "product_published" } });
const auditFor = (name: string, action: string) =>
  db.auditEvent.findMany({
    where: { resource: `data_product:${domain}/${name}`, action },
    orderBy: { id: "asc" },
    select: { subject: true, decision: true, reason: true, policyId: true },
  });

describe("validateProductById", () => {
  it("stores the findings and the product's compliance columns together", async () => {
    // Confidential data granted to data_consumer, an SLO weaker than the domain's 1 hour freshness.
    const { id } = await register({ classification: "confidential", slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 240 } });
    const before = await db.dataProduct.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });

    const result = await validateProductById(id, { trigger: "manual", userId: owner.id });

    expect(result).toMatchObject({
      status: "failing",
      errors: 2,
      warnings: 0,
      trigger: "manual",
      productVersion: "1.0.0",
      globalPolicyVersion: globalVersion,
      domainPolicyVersion: 1,
      createdBy: owner.name,
    });
    expect(result.findings.filter((f) => f.severity === "error").map((f) => [f.ruleId, f.path, f.policySource])).toEqual([
      ["access.level-allowed", "spec.access[0].role", "global"],
      ["slo.freshness", "spec.slo.freshnessMinutes", `domain:${domain}`],
    ]);
    const level = result.findings.find((f) => f.ruleId === "access.level-allowed")!;
    expect(level.message).toBe("Role data_consumer may not access confidential data (it may access public, internal).");
    expect(level.policyValue).toEqual(["public", "internal"]);
    expect(level.fixHint).toContain("data_producer");

    const product = await db.dataProduct.findUniqueOrThrow({
      where: { id },
      select: { complianceStatus: true, complianceErrors: true, complianceWarnings: true, validatedAt: true, updatedAt: true },
    });
    expect(product).toMatchObject({ complianceStatus: "failing", complianceErrors: 2, complianceWarnings: 0 });
    expect(product.validatedAt).not.toBeNull();
    // A validation is not an edit of the product.
    expect(product.updatedAt).toEqual(before.updatedAt);
    const stored = await db.productValidation.findUniqueOrThrow({ where: { id: result.id } });
    expect((stored.findings as unknown[]).length).toBe(result.findings.length);
  });
});

describe("publish gate", () => {
  it("blocks publishing while there are errors, changes nothing, audits the refusal; publishes once fixed", async () => {
    const { id, spec, ref } = await register({ classification: "confidential" });
    await moveLifecycle(owner, ref, "in_review");

    const err = (await moveLifecycle(owner, ref, "published").catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    // A headline, and the finding as a field error on the path to fix (the form links it to the field).
    expect(err.message).toBe("Publishing is blocked by 1 policy error. Fix it and publish again.");
    expect(err.fieldErrors?.["spec.access[0].role"]?.[0]).toContain("Role data_consumer may not access confidential data");
    expect(await lifecycleOf(id)).toBe("in_review");
    expect(await db.lifecycleEvent.count({ where: { productId: id, toState: "published" } })).toBe(0);
    // A refused publication counts for nothing in the success metrics.
    expect(await publicationsOf(id)).toBe(0);
    // The validation made at the gate stays, so the producer sees the same findings on the compliance page.
    expect(await latestValidation(id)).toMatchObject({ status: "failing", trigger: "publish", errors: 1 });
    expect(await auditFor(spec.name, "lifecycle:published")).toEqual([
      expect.objectContaining({
        subject: owner.email,
        decision: "deny",
        policyId: "publish-gate",
        reason: expect.stringContaining("access.level-allowed"),
      }),
    ]);

    await saveProductVersion(owner, { ...ref, spec: { ...spec, access: [{ role: "data_producer", permissions: ["read"] }] } });
    await moveLifecycle(owner, ref, "published");
    expect(await lifecycleOf(id)).toBe("published");
    expect(await publicationsOf(id)).toBe(1);
    expect(await latestValidation(id)).toMatchObject({ status: "passing", trigger: "publish" });
    expect((await auditFor(spec.name, "lifecycle:published")).map((a) => a.decision)).toEqual(["deny", "allow"]);
  });

  it("audits refused lifecycle moves of non-owners", async () => {
    const { spec, ref } = await register({});
    await moveLifecycle(producer, ref, "in_review");
    await expect(moveLifecycle(producer, ref, "published")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditFor(spec.name, "lifecycle:in_review")).toEqual([
      expect.objectContaining({ subject: producer.email, decision: "allow" }),
    ]);
    expect(await auditFor(spec.name, "lifecycle:published")).toEqual([
      expect.objectContaining({ subject: producer.email, decision: "deny" }),
    ]);
  });
});

describe("warnings and acknowledgements", () => {
  // "data-analyst" is not a policy role: a warning, not an error.
  const warned = { access: [{ role: "data-analyst", permissions: ["read" as const] }] };

  it("needs an owner's acknowledgement before publishing; a non-owner gets 403", async () => {
    const { id, spec, ref } = await register(warned);
    await moveLifecycle(owner, ref, "in_review");
    const err = (await moveLifecycle(owner, ref, "published").catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("must acknowledge");
    expect(await lifecycleOf(id)).toBe("in_review");

    const validation = (await latestValidation(id))!;
    expect(validation).toMatchObject({ status: "warnings", warnings: 1, acknowledgedAt: null });

    const denied = (await acknowledgeWarnings(producer, validation.id).catch((e: unknown) => e)) as ForbiddenError;
    expect(denied).toBeInstanceOf(ForbiddenError);
    expect(denied.status).toBe(403);
    expect((await latestValidation(id))!.acknowledgedAt).toBeNull();
    expect(await auditFor(spec.name, "acknowledge_warnings")).toEqual([
      expect.objectContaining({ subject: producer.email, decision: "deny" }),
    ]);

    await acknowledgeWarnings(owner, validation.id);
    expect(await latestValidation(id)).toMatchObject({ id: validation.id, acknowledgedBy: owner.name });
    await moveLifecycle(owner, ref, "published");
    expect(await lifecycleOf(id)).toBe("published");
  });

  it("a later change to the product needs a new acknowledgement; an identical re-run keeps it", async () => {
    const { id, spec, ref } = await register(warned);
    await moveLifecycle(owner, ref, "in_review");
    const first = await validateProductById(id, { trigger: "manual", userId: owner.id });
    await acknowledgeWarnings(owner, first.id);

    // An identical re-run adds no row to the history: it is folded into the acknowledged validation.
    const rerun = await validateProductById(id, { trigger: "manual", userId: owner.id });
    expect(rerun).toMatchObject({ id: first.id, repeats: 1 });
    expect(rerun.acknowledgedAt).not.toBeNull();
    expect(rerun.lastConfirmedAt).not.toBeNull();

    await saveProductVersion(owner, { ...ref, spec: { ...spec, description: "Changed after the acknowledgement" } });
    const changed = await validateProductById(id, { trigger: "product-change", userId: owner.id });
    expect(changed.acknowledgedAt).toBeNull();
    await expect(moveLifecycle(owner, ref, "published")).rejects.toThrow(/must acknowledge/);
    // Only the latest validation can be acknowledged.
    await expect(acknowledgeWarnings(owner, first.id)).rejects.toThrow(/validated again/);
    await acknowledgeWarnings(owner, changed.id);
    await moveLifecycle(owner, ref, "published");
    expect(await lifecycleOf(id)).toBe("published");
  });
});

describe("revalidateProducts", () => {
  it("re-validates every product of a domain (retired ones excepted) and reports progress", async () => {
    const slug = (await createDomain()).slug;
    const domainOwner = await createPrincipal(["data_producer"], { [slug]: "owner" });
    await registerProduct(domainOwner, sampleSpec(slug));
    await registerProduct(domainOwner, sampleSpec(slug, { classification: "confidential" }));
    await registerProduct(domainOwner, sampleSpec(slug, { access: [{ role: "data-analyst", permissions: ["read"] }] }));
    const progress: Array<[number, number]> = [];

    const summary = await revalidateProducts({
      domain: slug,
      trigger: "policy-change",
      batchSize: 2,
      onProgress: (done, total) => void progress.push([done, total]),
    });

    expect(summary).toEqual({ total: 3, validated: 3, passing: 1, warnings: 1, failing: 1 });
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
    const statuses = await db.dataProduct.findMany({ where: { domain: { slug } }, select: { complianceStatus: true } });
    expect(statuses.map((s) => s.complianceStatus).sort()).toEqual(["failing", "passing", "warnings"]);
    expect(await db.productValidation.count({ where: { product: { domain: { slug } }, trigger: "policy-change" } })).toBe(3);
  });

  it("keeps acknowledgements while the findings are unchanged, and identical runs do not fill the history", async () => {
    const slug = (await createDomain()).slug;
    const domainOwner = await createPrincipal(["data_producer"], { [slug]: "owner" });
    const { id } = await registerProduct(domainOwner, sampleSpec(slug, { access: [{ role: "data-analyst", permissions: ["read"] }] }));
    const first = await validateProductById(id, { trigger: "manual", userId: domainOwner.id });
    await acknowledgeWarnings(domainOwner, first.id);

    await revalidateProducts({ domain: slug, trigger: "manual" });
    // A policy save elsewhere (any domain's, or the global one) re-validates; the same warning stays accepted.
    for (let i = 0; i < 3; i++) await revalidateProducts({ domain: slug, trigger: "policy-change" });
    expect(await latestValidation(id)).toMatchObject({ id: first.id, repeats: 4, acknowledgedBy: domainOwner.name });
    expect(await db.productValidation.count({ where: { productId: id } })).toBe(1);
  });

  it("a policy change that changes the findings needs a new acknowledgement", async () => {
    const slug = (await createDomain()).slug;
    const domainOwner = await createPrincipal(["data_producer"], { [slug]: "owner" });
    const { id } = await registerProduct(domainOwner, sampleSpec(slug, { access: [{ role: "data-analyst", permissions: ["read"] }] }));
    const first = await validateProductById(id, { trigger: "manual", userId: domainOwner.id });
    await acknowledgeWarnings(domainOwner, first.id);
    // Stand-in for a policy edit that yields a different finding: the stored findings differ from a fresh run.
    await db.productValidation.update({ where: { id: first.id }, data: { findings: [] } });
    await revalidateProducts({ domain: slug, trigger: "policy-change" });
    const latest = (await latestValidation(id))!;
    expect(latest.id).not.toBe(first.id);
    expect(latest).toMatchObject({ trigger: "policy-change", acknowledgedAt: null, repeats: 0 });
  });
});
