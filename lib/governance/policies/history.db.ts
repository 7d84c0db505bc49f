// A policy's history: every saved version with author, time and change note, and the difference
// between any two versions (diffPolicies, pure, in ./diff.ts).
import "server-only";
import { db } from "@/lib/db";
import { diffPolicies, type PolicyChange } from "@/lib/governance/policies/diff";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";

export type PolicyRef = { scope: "global" } | { scope: "domain"; slug: string };

export type PolicyVersionMeta = {
  version: number;
  note: string;
  author: string | null;
  authorEmail: string | null;
  createdAt: string;
};

export type PolicyHistory = {
  policy: { id: string; name: string; version: number };
  total: number;
  versions: PolicyVersionMeta[];
};

const where = (ref: PolicyRef) =>
  ref.scope === "global" ? { scope: "global" as const } : { scope: "domain" as const, domain: { slug: ref.slug } };

const metaSelect = { version: true, note: true, createdAt: true, author: { select: { name: true, email: true } } } as const;

function toMeta(v: { version: number; note: string; createdAt: Date; author: { name: string; email: string } | null }): PolicyVersionMeta {
  return {
    version: v.version,
    note: v.note,
    author: v.author?.name ?? null,
    authorEmail: v.author?.email ?? null,
    createdAt: v.createdAt.toISOString(),
  };
}

/** Versions newest first, one page at a time; null when the policy does not exist. */
export async function listPolicyVersions(ref: PolicyRef, page = 1, pageSize = 20): Promise<PolicyHistory | null> {
  const policy = await db.policy.findFirst({ where: where(ref), select: { id: true, name: true, version: true } });
  if (!policy) return null;
  const [total, rows] = await Promise.all([
    db.policyVersion.count({ where: { policyId: policy.id } }),
    db.policyVersion.findMany({
      where: { policyId: policy.id },
      orderBy: { version: "desc" },
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: metaSelect,
    }),
  ]);
  return { policy, total, versions: rows.map(toMeta) };
}

export type PolicyVersionDetail = PolicyVersionMeta & { spec: GlobalPolicy | DomainPolicy };

export async function getPolicyVersion(ref: PolicyRef, version: number): Promise<PolicyVersionDetail | null> {
  if (!Number.isInteger(version) || version < 1) return null;
  const row = await db.policyVersion.findFirst({
    where: { version, policy: where(ref) },
    select: { ...metaSelect, spec: true },
  });
  return row ? { ...toMeta(row), spec: row.spec as unknown as GlobalPolicy | DomainPolicy } : null;
}

export type PolicyComparison = { from: PolicyVersionMeta; to: PolicyVersionMeta; changes: PolicyChange[] };

/** What changed from version `from` to version `to` (either order); null when one does not exist. */
export async function comparePolicyVersions(ref: PolicyRef, from: number, to: number): Promise<PolicyComparison | null> {
  const [a, b] = await Promise.all([getPolicyVersion(ref, from), getPolicyVersion(ref, to)]);
  if (!a || !b) return null;
  const { spec: specA, ...metaA } = a;
  const { spec: specB, ...metaB } = b;
  return { from: metaA, to: metaB, changes: diffPolicies(specA, specB) };
}
