// Read side of the consumer features: a user's own requests, an owner's inbox, a product's ratings.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/server";
import { productPath } from "@/lib/products";
import { satisfaction, type Satisfaction } from "@/lib/metrics";

export type AccessRequestDto = {
  id: string;
  product: { name: string; domain: string; href: string };
  requester: { name: string; email: string } | null;
  purpose: string;
  status: "pending" | "approved" | "denied" | "revoked";
  decisionNote: string;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
};

export type Page<T> = { items: T[]; total: number };

const requestSelect = {
  id: true,
  purpose: true,
  status: true,
  decisionNote: true,
  createdAt: true,
  decidedAt: true,
  requesterId: true,
  decidedById: true,
  product: { select: { name: true, domain: { select: { slug: true } } } },
} satisfies Prisma.AccessRequestSelect;

type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestSelect }>;

async function toDtos(rows: RequestRow[]): Promise<AccessRequestDto[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requesterId, r.decidedById]).filter((x): x is string => Boolean(x)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]),
  );
  return rows.map((r) => {
    const requester = users.get(r.requesterId);
    return {
      id: r.id,
      product: {
        name: r.product.name,
        domain: r.product.domain.slug,
        href: productPath({ domain: r.product.domain.slug, name: r.product.name }),
      },
      requester: requester ? { name: requester.name, email: requester.email } : null,
      purpose: r.purpose,
      status: r.status,
      decisionNote: r.decisionNote,
      decidedBy: r.decidedById ? (users.get(r.decidedById)?.name ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    };
  });
}

export async function listMyAccessRequests(userId: string, opts: { page: number; pageSize: number }): Promise<Page<AccessRequestDto>> {
  const where = { requesterId: userId };
  const [rows, total] = await Promise.all([
    db.accessRequest.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: requestSelect,
    }),
    db.accessRequest.count({ where }),
  ]);
  return { items: await toDtos(rows), total };
}

/**
 * Products whose requests this user decides, as a query filter: everything for data admins; for producers the
 * domains they own (mirrors can.moveLifecycle; the spec's named owner grants nothing). null = none.
 */
export function decidableProductsFilter(user: CurrentUser): Prisma.DataProductWhereInput | null {
  if (user.roles.includes("data_admin")) return {};
  if (!user.roles.includes("data_producer")) return null;
  const owned = Object.entries(user.domains)
    .filter(([, r]) => r === "owner")
    .map(([slug]) => slug);
  if (owned.length === 0) return null;
  return { domain: { slug: { in: owned } } };
}

export const INBOX_STATUSES = ["pending", "approved", "denied", "revoked"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export async function listAccessInbox(
  user: CurrentUser,
  opts: { status: InboxStatus; page: number; pageSize: number },
): Promise<Page<AccessRequestDto> & { pending: number }> {
  const products = decidableProductsFilter(user);
  if (!products) return { items: [], total: 0, pending: 0 };
  const where: Prisma.AccessRequestWhereInput = { status: opts.status, product: products };
  const [rows, total, pending] = await Promise.all([
    db.accessRequest.findMany({
      where,
      orderBy: { createdAt: opts.status === "pending" ? "asc" : "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: requestSelect,
    }),
    db.accessRequest.count({ where }),
    // On the pending tab the total already is the pending count: no second identical count.
    opts.status === "pending" ? null : db.accessRequest.count({ where: { status: "pending", product: products } }),
  ]);
  return { items: await toDtos(rows), total, pending: pending ?? total };
}

export type ProductAccessState = {
  latest: Pick<AccessRequestDto, "id" | "status" | "purpose" | "decisionNote" | "createdAt" | "decidedAt"> | null;
  /** Pending requests for this product (only filled for people who decide them). */
  pendingForOwner: number | null;
};

export async function productAccessState(user: CurrentUser, productId: string, decides: boolean): Promise<ProductAccessState> {
  const [latest, pending] = await Promise.all([
    db.accessRequest.findFirst({
      where: { productId, requesterId: user.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, purpose: true, decisionNote: true, createdAt: true, decidedAt: true },
    }),
    decides ? db.accessRequest.count({ where: { productId, status: "pending" } }) : Promise.resolve(null),
  ]);
  return {
    latest: latest ? { ...latest, createdAt: latest.createdAt.toISOString(), decidedAt: latest.decidedAt?.toISOString() ?? null } : null,
    pendingForOwner: pending,
  };
}

export type ReviewDto = { userName: string; score: number; review: string; updatedAt: string; mine: boolean };

export async function ratingSummary(productId: string): Promise<Satisfaction> {
  const groups = await db.productRating.groupBy({ by: ["score"], where: { productId }, _count: { _all: true } });
  return satisfaction(groups.flatMap((g) => Array<number>(g._count._all).fill(g.score)));
}

export async function listReviews(
  productId: string,
  userId: string,
  opts: { page: number; pageSize: number; withTextOnly?: boolean },
): Promise<Page<ReviewDto>> {
  const where: Prisma.ProductRatingWhereInput = { productId, ...(opts.withTextOnly ? { review: { not: "" } } : {}) };
  const [rows, total] = await Promise.all([
    db.productRating.findMany({
      where,
      orderBy: { updatedAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: { userId: true, score: true, review: true, updatedAt: true },
    }),
    db.productRating.count({ where }),
  ]);
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return {
    items: rows.map((r) => ({
      userName: names.get(r.userId) ?? "Former user",
      score: r.score,
      review: r.review,
      updatedAt: r.updatedAt.toISOString(),
      mine: r.userId === userId,
    })),
    total,
  };
}

export async function myRating(productId: string, userId: string): Promise<{ score: number; review: string } | null> {
  return db.productRating.findUnique({ where: { productId_userId: { productId, userId } }, select: { score: true, review: true } });
}
