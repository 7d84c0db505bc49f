// Reads policies from the database and computes a domain's effective policy (global ⊕ domain).
import "server-only";
import { db } from "@/lib/db";
import { effectivePolicy } from "@/lib/governance/merge";
import type { DomainPolicy, EffectivePolicy, GlobalPolicy, ProvenanceEntry } from "@/lib/governance/types";

export const GLOBAL_POLICY_NAME = "global-data-governance";

export type StoredPolicy<T> = { id: string; name: string; version: number; spec: T; updatedAt: string };

export async function getGlobalPolicy(): Promise<StoredPolicy<GlobalPolicy> | null> {
  const row = await db.policy.findFirst({ where: { scope: "global" }, select: { id: true, name: true, version: true, spec: true, updatedAt: true } });
  return row ? { ...row, spec: row.spec as unknown as GlobalPolicy, updatedAt: row.updatedAt.toISOString() } : null;
}

export async function getDomainPolicy(slug: string): Promise<StoredPolicy<DomainPolicy> | null> {
  const row = await db.policy.findFirst({ where: { scope: "domain", domain: { slug } }, select: { id: true, name: true, version: true, spec: true, updatedAt: true } });
  return row ? { ...row, spec: row.spec as unknown as DomainPolicy, updatedAt: row.updatedAt.toISOString() } : null;
}

export type EffectivePolicyResult = {
  policy: EffectivePolicy;
  provenance: ProvenanceEntry[];
  global: { id: string; version: number };
  domain: { id: string; version: number } | null;
};

export async function getEffectivePolicy(slug: string): Promise<EffectivePolicyResult | null> {
  const [global, domain] = await Promise.all([getGlobalPolicy(), getDomainPolicy(slug)]);
  if (!global) return null;
  const merged = effectivePolicy(global.spec, domain?.spec ?? null);
  return {
    policy: merged.policy,
    provenance: merged.provenance,
    global: { id: global.id, version: global.version },
    domain: domain ? { id: domain.id, version: domain.version } : null,
  };
}
