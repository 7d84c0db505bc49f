// Domains: listing for everyone, create/edit/archive and membership for data admins.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { z } from "zod";
import { domainSchema, memberSchema } from "@/lib/domains/schema";
import { parseInput } from "@/lib/validation/parse";
import { escapeLike } from "@/lib/like";
import { withoutControls } from "@/lib/text";

export type DomainSummary = {
  slug: string;
  name: string;
  description: string;
  ownerTeam: string;
  status: string;
  productCount: number;
  publishedCount: number;
  memberCount: number;
};

export type DomainOption = { slug: string; name: string };

/** Onboarded domains for a select, by name: all of them, or only `slugs` (no counts, so it stays cheap). */
export async function listDomainOptions(slugs: string[] | "all"): Promise<DomainOption[]> {
  return db.domain.findMany({
    where: { status: "onboarded", ...(slugs === "all" ? {} : { slug: { in: slugs } }) },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}

export type OwnerOption = { email: string; label: string };

/**
 * Who may be named a product's owner in each of `slugs` (the product form's Owner select): the domain's
 * team address, then its current members by name. The server checks the same set (lib/products/product-owner.ts).
 */
export async function listOwnerOptions(slugs: string[]): Promise<Record<string, OwnerOption[]>> {
  if (slugs.length === 0) return {};
  const domains = await db.domain.findMany({
    where: { slug: { in: slugs } },
    select: {
      slug: true,
      ownerTeam: true,
      members: { select: { role: true, user: { select: { email: true, name: true } } }, orderBy: { user: { name: "asc" } } },
    },
  });
  return Object.fromEntries(
    domains.map((d) => [
      d.slug,
      [
        { email: d.ownerTeam, label: `${d.ownerTeam} (domain team)` },
        ...d.members
          .filter((m) => m.user.email.toLowerCase() !== d.ownerTeam.toLowerCase())
          .map((m) => ({ email: m.user.email, label: `${m.user.name} <${m.user.email}> (${m.role})` })),
      ],
    ]),
  );
}

/**
 * Domains whose slug or name contains `q`, for type-ahead pickers: the exact slug first, then slugs and
 * names that start with `q`, then the other matches, each group by name.
 */
export async function suggestDomains(q: string, limit = 10): Promise<DomainOption[]> {
  const term = withoutControls(q).trim().slice(0, 100);
  const like = escapeLike(term);
  const take = Math.max(1, Math.min(limit, 50));
  const find = (where: Prisma.DomainWhereInput, n: number) =>
    db.domain.findMany({
      where: { status: { not: "archived" }, ...where },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
      take: n,
    });
  // Starts-with matches get their own query: with a thousand "mesh-…" domains, a prefix match could sort
  // far behind the first `take` contains-matches by name.
  const [exact, prefix] = await Promise.all([
    term ? find({ slug: term.toLowerCase() }, 1) : Promise.resolve([]),
    find(
      term ? { OR: [{ slug: { startsWith: like, mode: "insensitive" } }, { name: { startsWith: like, mode: "insensitive" } }] } : {},
      take,
    ),
  ]);
  const seen = new Set<string>();
  const out = [...exact, ...prefix].filter((d) => !seen.has(d.slug) && seen.add(d.slug));
  if (out.length < take && term) {
    const rest = await find(
      {
        OR: [{ slug: { contains: like, mode: "insensitive" } }, { name: { contains: like, mode: "insensitive" } }],
        slug: { notIn: [...seen] },
      },
      take - out.length,
    );
    out.push(...rest);
  }
  return out.slice(0, take);
}

export async function listDomains(
  opts: { includeArchived?: boolean; page?: number; pageSize?: number } = {},
): Promise<{ items: DomainSummary[]; total: number }> {
  const where = opts.includeArchived ? {} : { status: { not: "archived" as const } };
  const pageSize = opts.pageSize ?? 1000;
  const [rows, total] = await Promise.all([
    db.domain.findMany({
      where,
      orderBy: { name: "asc" },
      skip: ((opts.page ?? 1) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        ownerTeam: true,
        status: true,
        // Counts in SQL, never the product rows themselves.
        _count: { select: { products: true, members: true } },
      },
    }),
    db.domain.count({ where }),
  ]);
  const published = await db.dataProduct.groupBy({
    by: ["domainId"],
    where: { lifecycle: "published", domainId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const publishedById = new Map(published.map((p) => [p.domainId, p._count._all]));
  return {
    total,
    items: rows.map((d) => ({
      slug: d.slug,
      name: d.name,
      description: d.description,
      ownerTeam: d.ownerTeam,
      status: d.status,
      productCount: d._count.products,
      memberCount: d._count.members,
      publishedCount: publishedById.get(d.id) ?? 0,
    })),
  };
}

export async function getDomain(slug: string) {
  const d = await db.domain.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      ownerTeam: true,
      status: true,
      createdAt: true,
      archivedAt: true,
      members: { orderBy: { createdAt: "asc" }, select: { role: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!d) return null;
  return {
    ...d,
    createdAt: d.createdAt.toISOString(),
    archivedAt: d.archivedAt?.toISOString() ?? null,
    members: d.members.map((m) => ({ role: m.role, userId: m.user.id, name: m.user.name, email: m.user.email })),
  };
}

const requireAdmin = (user: CurrentUser, action: string, slug: string) =>
  assertCan(user, "manageDomains", [], { action, resource: `domain:${slug}`, message: "Only data admins can manage domains." });

export async function createDomain(user: CurrentUser, input: unknown) {
  await requireAdmin(user, "create_domain", "new");
  const data = parseInput(domainSchema, input);
  try {
    return await db.domain.create({ data, select: { slug: true } });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ConflictError("That domain already exists.", { slug: [`A domain called ${data.slug} already exists.`] });
    throw e;
  }
}

/** The domain a form or request acts on (often a hidden input): checked like any other input. */
function slugOf(input: unknown): string {
  const r = domainSchema.shape.slug.safeParse(input);
  if (!r.success) throw new ValidationError("This domain does not exist.");
  return r.data;
}

export async function updateDomain(user: CurrentUser, slugInput: unknown, input: unknown): Promise<{ slug: string }> {
  const slug = slugOf(slugInput);
  await requireAdmin(user, "update_domain", slug);
  const data = parseInput(domainSchema.omit({ slug: true }), input);
  const res = await db.domain.updateMany({ where: { slug, status: { not: "archived" } }, data });
  if (res.count === 0) throw new NotFoundError("This domain does not exist or is archived.");
  return { slug };
}

export async function archiveDomain(user: CurrentUser, slugInput: unknown): Promise<{ slug: string }> {
  const slug = slugOf(slugInput);
  await requireAdmin(user, "archive_domain", slug);
  const res = await db.domain.updateMany({
    where: { slug, status: { not: "archived" } },
    data: { status: "archived", archivedAt: new Date() },
  });
  if (res.count === 0) throw new NotFoundError("This domain does not exist or is already archived.");
  return { slug };
}

export async function addMember(user: CurrentUser, slugInput: unknown, input: unknown): Promise<{ slug: string }> {
  const slug = slugOf(slugInput);
  await requireAdmin(user, "add_member", slug);
  // Archived domains are read-only; removing access (below) stays possible.
  const current = await db.domain.findUnique({ where: { slug }, select: { status: true } });
  if (!current) throw new NotFoundError("This domain does not exist.");
  if (current.status === "archived") throw new ConflictError("This domain is archived; members can no longer be added.");
  const data = parseInput(memberSchema, input);
  await db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { slug }, select: { id: true } });
    if (!domain) throw new NotFoundError("This domain does not exist.");
    const member = await tx.user.findUnique({ where: { email: data.email.toLowerCase() }, select: { id: true } });
    if (!member) throw new ValidationError("Unknown user.", { email: ["No user with this email has signed in yet."] });
    await tx.domainMembership.upsert({
      where: { userId_domainId: { userId: member.id, domainId: domain.id } },
      update: { role: data.role },
      create: { userId: member.id, domainId: domain.id, role: data.role },
    });
  });
  return { slug };
}

export async function removeMember(user: CurrentUser, slugInput: unknown, userIdInput: unknown): Promise<{ slug: string }> {
  const slug = slugOf(slugInput);
  await requireAdmin(user, "remove_member", slug);
  const userId = z.uuid().safeParse(userIdInput);
  if (!userId.success) throw new ValidationError("Unknown member.");
  await db.domainMembership.deleteMany({ where: { userId: userId.data, domain: { slug } } });
  return { slug };
}

export type DomainProductRow = {
  domain: string;
  name: string;
  version: string;
  classification: string;
  lifecycle: string;
  updatedAt: string;
};

export type DomainProductPage = { items: DomainProductRow[]; total: number; published: number };

/** One page of a domain's products (most recently updated first), with the totals for the header and pager. */
export async function listDomainProducts(slug: string, opts: { page: number; pageSize: number }): Promise<DomainProductPage> {
  const where = { domain: { slug } };
  const [total, published, rows] = await db.$transaction([
    db.dataProduct.count({ where }),
    db.dataProduct.count({ where: { ...where, lifecycle: "published" } }),
    db.dataProduct.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: { name: true, currentVersion: true, classification: true, lifecycle: true, updatedAt: true },
    }),
  ]);
  return {
    total,
    published,
    items: rows.map((p) => ({
      domain: slug,
      name: p.name,
      version: p.currentVersion,
      classification: p.classification,
      lifecycle: p.lifecycle,
      updatedAt: p.updatedAt.toISOString(),
    })),
  };
}
