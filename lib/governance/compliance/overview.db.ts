// The governance overview's numbers: compliance per domain and the products that need attention,
// read from the compliance columns the validations keep up to date (no findings are re-computed here).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { ComplianceStatus } from "@/lib/governance/compliance/status";
import type { LifecycleState } from "@/lib/products";

export type DomainCompliance = {
  slug: string;
  name: string;
  passing: number;
  warnings: number;
  failing: number;
  unknown: number;
  total: number;
};

/** Every domain that is not archived, with its non-retired products counted by compliance status. */
export async function complianceByDomain(): Promise<DomainCompliance[]> {
  const rows = await db.$queryRaw<{ slug: string; name: string; status: ComplianceStatus | null; n: bigint }[]>(Prisma.sql`
    SELECT d.slug, d.name, p.compliance_status::text AS status, count(p.id) AS n
    FROM domains d
    LEFT JOIN data_products p ON p.domain_id = d.id AND p.lifecycle <> 'retired'
    WHERE d.status <> 'archived'
    GROUP BY d.slug, d.name, p.compliance_status
    ORDER BY d.name`);
  const byDomain = new Map<string, DomainCompliance>();
  for (const r of rows) {
    const d = byDomain.get(r.slug) ?? { slug: r.slug, name: r.name, passing: 0, warnings: 0, failing: 0, unknown: 0, total: 0 };
    if (r.status) {
      d[r.status] += Number(r.n);
      d.total += Number(r.n);
    }
    byDomain.set(r.slug, d);
  }
  return [...byDomain.values()];
}

export type AttentionProduct = {
  domain: string;
  name: string;
  lifecycle: LifecycleState;
  status: ComplianceStatus;
  errors: number;
  warnings: number;
  validatedAt: string | null;
};

/** Failing products first, then those with warnings; most errors first. */
export async function productsNeedingAttention(opts: {
  status?: "failing" | "warnings";
  page: number;
  pageSize: number;
}): Promise<{ rows: AttentionProduct[]; total: number }> {
  const where = {
    lifecycle: { not: "retired" as const },
    complianceStatus: opts.status ? opts.status : { in: ["failing" as const, "warnings" as const] },
  };
  const [rows, total] = await Promise.all([
    db.dataProduct.findMany({
      where,
      orderBy: [{ complianceStatus: "desc" }, { complianceErrors: "desc" }, { complianceWarnings: "desc" }, { name: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        name: true,
        lifecycle: true,
        complianceStatus: true,
        complianceErrors: true,
        complianceWarnings: true,
        validatedAt: true,
        domain: { select: { slug: true } },
      },
    }),
    db.dataProduct.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      domain: r.domain.slug,
      name: r.name,
      lifecycle: r.lifecycle as LifecycleState,
      status: r.complianceStatus as ComplianceStatus,
      errors: r.complianceErrors,
      warnings: r.complianceWarnings,
      validatedAt: r.validatedAt?.toISOString() ?? null,
    })),
  };
}
