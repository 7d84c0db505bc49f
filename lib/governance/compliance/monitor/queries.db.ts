// What the compliance pages read: violations (open, resolved, all) for the mesh or one domain, paginated,
// with the time each took to resolve; counts per rule; the median time to resolve; the rules' last runs.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { MONITOR_RULES, type MonitorRule } from "./violations.db";

export const VIOLATION_STATUSES = ["open", "resolved", "all"] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

export type ViolationRow = {
  id: string;
  rule: string;
  severity: string;
  message: string;
  domain: string;
  product: string;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolution: string;
  /** Milliseconds from opening to resolution; null while open. */
  timeToResolveMs: number | null;
};

export type ViolationFilter = { domainId?: string; status: ViolationStatus; rule?: MonitorRule };

function where(f: ViolationFilter): Prisma.ComplianceViolationWhereInput {
  return {
    ...(f.domainId ? { domainId: f.domainId } : {}),
    ...(f.rule ? { rule: f.rule } : {}),
    ...(f.status === "open" ? { resolvedAt: null } : f.status === "resolved" ? { resolvedAt: { not: null } } : {}),
  };
}

export async function listViolations(
  f: ViolationFilter,
  page: number,
  pageSize: number,
): Promise<{ items: ViolationRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.complianceViolation.findMany({
      where: where(f),
      orderBy: f.status === "resolved" ? [{ resolvedAt: "desc" }, { id: "asc" }] : [{ openedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        rule: true,
        severity: true,
        message: true,
        openedAt: true,
        lastSeenAt: true,
        resolvedAt: true,
        resolution: true,
        product: { select: { name: true, domain: { select: { slug: true } } } },
      },
    }),
    db.complianceViolation.count({ where: where(f) }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      rule: r.rule,
      severity: r.severity,
      message: r.message,
      domain: r.product.domain.slug,
      product: r.product.name,
      openedAt: r.openedAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolution: r.resolution,
      timeToResolveMs: r.resolvedAt ? r.resolvedAt.getTime() - r.openedAt.getTime() : null,
    })),
    total,
  };
}

export type ViolationSummary = {
  open: Record<MonitorRule, number>;
  openTotal: number;
  resolved30d: number;
  /** Median time to resolve of the violations resolved in the last 30 days (ms); null when none. */
  medianResolveMs: number | null;
};

export async function violationSummary(domainId?: string): Promise<ViolationSummary> {
  const scope = domainId ? Prisma.sql`AND domain_id = ${domainId}::uuid` : Prisma.empty;
  const [open, resolved] = await Promise.all([
    db.$queryRaw<{ rule: string; n: bigint }[]>(Prisma.sql`
      SELECT rule, count(*) AS n FROM compliance_violations WHERE resolved_at IS NULL ${scope} GROUP BY rule`),
    db.$queryRaw<{ n: bigint; median_ms: number | null }[]>(Prisma.sql`
      SELECT count(*) AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM resolved_at - opened_at) * 1000) AS median_ms
      FROM compliance_violations WHERE resolved_at > now() - interval '30 days' ${scope}`),
  ]);
  const byRule = Object.fromEntries(MONITOR_RULES.map((r) => [r, 0])) as Record<MonitorRule, number>;
  for (const r of open) if ((MONITOR_RULES as readonly string[]).includes(r.rule)) byRule[r.rule as MonitorRule] = Number(r.n);
  return {
    open: byRule,
    openTotal: Object.values(byRule).reduce((a, b) => a + b, 0),
    resolved30d: Number(resolved[0]?.n ?? 0),
    medianResolveMs: resolved[0]?.median_ms === null || resolved[0]?.median_ms === undefined ? null : Number(resolved[0].median_ms),
  };
}

/** Open violations per domain, for the mesh page's domain list. */
export async function openViolationsByDomain(): Promise<Array<{ slug: string; name: string; open: number; errors: number }>> {
  const rows = await db.$queryRaw<{ slug: string; name: string; open: bigint; errors: bigint }[]>(Prisma.sql`
    SELECT d.slug, d.name, count(v.id) AS open, count(v.id) FILTER (WHERE v.severity = 'error') AS errors
    FROM domains d LEFT JOIN compliance_violations v ON v.domain_id = d.id AND v.resolved_at IS NULL
    WHERE d.status <> 'archived'
    GROUP BY d.slug, d.name ORDER BY count(v.id) DESC, d.name`);
  return rows.map((r) => ({ slug: r.slug, name: r.name, open: Number(r.open), errors: Number(r.errors) }));
}

/** The latest finished run of each rule. */
export async function lastRuns(): Promise<Array<{ rule: string; slot: string; finishedAt: string | null }>> {
  const rows = await db.$queryRaw<{ rule: string; slot: string; finished_at: Date | null }[]>(Prisma.sql`
    SELECT DISTINCT ON (rule) rule, slot, finished_at FROM monitor_runs ORDER BY rule, started_at DESC`);
  return rows.map((r) => ({ rule: r.rule, slot: r.slot, finishedAt: r.finished_at?.toISOString() ?? null }));
}

/** The domain a per-domain compliance page is about; null when there is none with that slug. */
export async function domainBySlug(slug: string): Promise<{ id: string; name: string; slug: string } | null> {
  return db.domain.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
}
