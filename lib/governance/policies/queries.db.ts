// Read models for the policy administration screens: the index of policies and the data an editor
// page needs. DTOs only; whole rows never reach the client.
import "server-only";
import { db } from "@/lib/db";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import { domainPathLocks, globalAllowsDomainEdits, type PathLock } from "@/lib/governance/policies/domain-edit";
import type { DomainPolicy, GlobalPolicy, ProvenanceEntry } from "@/lib/governance/policies/types";

export type PolicySummary = {
  name: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  note: string | null;
};

export type DomainPolicyRow = {
  slug: string;
  domainName: string;
  policy: PolicySummary | null;
  /** Domain keys that try to change a locked path (shown as a warning in the index). */
  overridden: string[];
};

export type PolicyIndex = {
  global: (PolicySummary & { locked: string[]; domainOverridesAllowed: boolean }) | null;
  domains: DomainPolicyRow[];
  totalDomains: number;
};

const latestVersion = {
  orderBy: { version: "desc" as const },
  take: 1,
  select: { note: true, createdAt: true, author: { select: { name: true } } },
};

type SummaryRow = {
  name: string;
  version: number;
  updatedAt: Date;
  versions: Array<{ note: string; createdAt: Date; author: { name: string } | null }>;
};

function summary(row: SummaryRow): PolicySummary {
  const v = row.versions[0];
  return {
    name: row.name,
    version: row.version,
    updatedAt: (v?.createdAt ?? row.updatedAt).toISOString(),
    updatedBy: v?.author?.name ?? null,
    note: v?.note ?? null,
  };
}

/** The global policy and one page of (non-archived) domains with their policy, if any. */
export async function listPolicies(page = 1, pageSize = 20): Promise<PolicyIndex> {
  const [globalRow, totalDomains, domains] = await Promise.all([
    db.policy.findFirst({
      where: { scope: "global" },
      select: { name: true, version: true, updatedAt: true, spec: true, versions: latestVersion },
    }),
    db.domain.count({ where: { archivedAt: null } }),
    db.domain.findMany({
      where: { archivedAt: null },
      orderBy: { name: "asc" },
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: {
        slug: true,
        name: true,
        policies: {
          where: { scope: "domain" },
          take: 1,
          select: { name: true, version: true, updatedAt: true, spec: true, versions: latestVersion },
        },
      },
    }),
  ]);
  const global = globalRow ? (globalRow.spec as unknown as GlobalPolicy) : null;
  return {
    global:
      globalRow && global
        ? { ...summary(globalRow), locked: global.locked, domainOverridesAllowed: global.domain_overrides_allowed }
        : null,
    totalDomains,
    domains: domains.map((d) => {
      const row = d.policies[0];
      const rejected =
        row && global
          ? effectivePolicy(global, row.spec as unknown as DomainPolicy)
              .provenance.filter((p) => p.rejected)
              .map((p) => p.path)
          : [];
      return { slug: d.slug, domainName: d.name, policy: row ? summary(row) : null, overridden: rejected };
    }),
  };
}

export type GlobalPolicyView = { id: string; name: string; version: number; spec: GlobalPolicy; summary: PolicySummary };

export async function loadGlobalPolicy(): Promise<GlobalPolicyView | null> {
  const row = await db.policy.findFirst({
    where: { scope: "global" },
    select: { id: true, name: true, version: true, updatedAt: true, spec: true, versions: latestVersion },
  });
  return row
    ? { id: row.id, name: row.name, version: row.version, spec: row.spec as unknown as GlobalPolicy, summary: summary(row) }
    : null;
}

export type DomainPolicyView = {
  domain: { slug: string; name: string; archived: boolean };
  global: { version: number; spec: GlobalPolicy };
  policy: { name: string; version: number; spec: DomainPolicy; summary: PolicySummary } | null;
  provenance: ProvenanceEntry[];
  locks: Record<string, PathLock>;
  domainEditsAllowed: boolean;
};

export async function loadDomainPolicy(slug: string): Promise<DomainPolicyView | null> {
  const domain = await db.domain.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      archivedAt: true,
      policies: {
        where: { scope: "domain" },
        take: 1,
        select: { name: true, version: true, updatedAt: true, spec: true, versions: latestVersion },
      },
    },
  });
  if (!domain) return null;
  const globalRow = await db.policy.findFirst({ where: { scope: "global" }, select: { version: true, spec: true } });
  if (!globalRow) return null;
  const global = globalRow.spec as unknown as GlobalPolicy;
  const row = domain.policies[0];
  const spec = row ? (row.spec as unknown as DomainPolicy) : null;
  return {
    domain: { slug: domain.slug, name: domain.name, archived: domain.archivedAt !== null },
    global: { version: globalRow.version, spec: global },
    policy: row && spec ? { name: row.name, version: row.version, spec, summary: summary(row) } : null,
    provenance: effectivePolicy(global, spec).provenance,
    locks: domainPathLocks(global),
    domainEditsAllowed: globalAllowsDomainEdits(global),
  };
}

/** The domain's display name, or null when there is no such domain. */
export async function domainName(slug: string): Promise<string | null> {
  const row = await db.domain.findUnique({ where: { slug }, select: { name: true } });
  return row?.name ?? null;
}
