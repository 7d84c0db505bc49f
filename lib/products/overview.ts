// The home page's numbers and lists: a handful of small counts and selects, nothing more.
import "server-only";
import { db } from "@/lib/db";

export type OverviewCounts = { published: number; inReview: number; drafts: number; domainsOnboarded: number; fields: number };

export type RecentProduct = { domain: string; name: string; version: string; lifecycle: string; updatedAt: string };

export type MyDomain = { slug: string; name: string; status: string; role: string };

export async function getOverviewCounts(): Promise<OverviewCounts> {
  const [byLifecycle, domainsOnboarded, fields] = await Promise.all([
    db.dataProduct.groupBy({
      by: ["lifecycle"],
      where: { lifecycle: { in: ["published", "in_review", "draft"] } },
      _count: { _all: true },
    }),
    db.domain.count({ where: { status: "onboarded" } }),
    db.dataProductField.count(),
  ]);
  const count = (state: string) => byLifecycle.find((r) => r.lifecycle === state)?._count._all ?? 0;
  return { published: count("published"), inReview: count("in_review"), drafts: count("draft"), domainsOnboarded, fields };
}

export async function listRecentProducts(limit = 8): Promise<RecentProduct[]> {
  const rows = await db.dataProduct.findMany({
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { name: true, currentVersion: true, lifecycle: true, updatedAt: true, domain: { select: { slug: true } } },
  });
  return rows.map((p) => ({
    domain: p.domain.slug,
    name: p.name,
    version: p.currentVersion,
    lifecycle: p.lifecycle,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

/** The user's domain memberships, archived domains last. */
export async function listMyDomains(userId: string): Promise<MyDomain[]> {
  const rows = await db.domainMembership.findMany({
    where: { userId },
    orderBy: { domain: { name: "asc" } },
    select: { role: true, domain: { select: { slug: true, name: true, status: true } } },
  });
  const mapped = rows.map((m) => ({ slug: m.domain.slug, name: m.domain.name, status: m.domain.status, role: m.role }));
  return [...mapped.filter((d) => d.status !== "archived"), ...mapped.filter((d) => d.status === "archived")];
}
