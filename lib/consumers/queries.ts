// Read side of the consumer features: a user's own requests, an owner's inbox, a product's ratings.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTimestamp } from "@/lib/sql";
import type { CurrentUser } from "@/lib/auth/server";
import { productPath } from "@/lib/products";
import { satisfaction, type Satisfaction } from "@/lib/metrics";
import type { QualityRunResult } from "@/lib/quality";

export type AccessRequestDto = {
  id: string;
  product: { name: string; domain: string; href: string };
  requester: { name: string; email: string } | null;
  purpose: string;
  status: "pending" | "approved" | "denied" | "revoked" | "expired";
  decisionNote: string;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Who decides next on a pending request: the product's owners, or governance after the owners approved. */
  waitingFor: "owners" | "governance" | null;
  /** The grant an approval created (null for requests approved before grants existed, or not approved). */
  grant: GrantDto | null;
};

export type GrantDto = { id: string; expiresAt: string; endedAt: string | null; endReason: "revoked" | "expired" | null; sql: boolean };

export type Page<T> = { items: T[]; total: number };

type GrantRow = { id: string; expiresAt: Date; endedAt: Date | null; endReason: "revoked" | "expired" | null; dbRole: string | null };

/**
 * A request's status and grant as shown. A grant past its expiry no longer reads (every read checks expires_at);
 * the scheduled job records its end a little later. Until then it is shown as what it is: expired.
 */
function shownAccess<S extends string>(status: S, grant: GrantRow | null, now: number): { status: S | "expired"; grant: GrantDto | null } {
  const lapsed = grant !== null && grant.endedAt === null && grant.expiresAt.getTime() <= now;
  return {
    status: lapsed && status === "approved" ? "expired" : status,
    grant: grant
      ? {
          id: grant.id,
          expiresAt: grant.expiresAt.toISOString(),
          endedAt: (grant.endedAt ?? (lapsed ? grant.expiresAt : null))?.toISOString() ?? null,
          endReason: grant.endReason ?? (lapsed ? "expired" : null),
          sql: grant.dbRole !== null,
        }
      : null,
  };
}

const requestSelect = {
  id: true,
  purpose: true,
  status: true,
  decisionNote: true,
  createdAt: true,
  decidedAt: true,
  requesterId: true,
  decidedById: true,
  approval: true,
  ownerApprovedAt: true,
  grant: { select: { id: true, expiresAt: true, endedAt: true, endReason: true, dbRole: true } },
  product: { select: { name: true, domain: { select: { slug: true } } } },
} satisfies Prisma.AccessRequestSelect;

type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestSelect }>;

async function toDtos(rows: RequestRow[]): Promise<AccessRequestDto[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requesterId, r.decidedById]).filter((x): x is string => Boolean(x)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]),
  );
  const now = Date.now();
  return rows.map((r) => {
    const requester = users.get(r.requesterId);
    const shown = shownAccess(r.status, r.grant, now);
    return {
      id: r.id,
      product: {
        name: r.product.name,
        domain: r.product.domain.slug,
        href: productPath({ domain: r.product.domain.slug, name: r.product.name }),
      },
      requester: requester ? { name: requester.name, email: requester.email } : null,
      purpose: r.purpose,
      status: shown.status,
      decisionNote: r.decisionNote,
      decidedBy: r.decidedById ? (users.get(r.decidedById)?.name ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      waitingFor:
        r.status !== "pending" ? null : r.approval === "owner_and_governance" && r.ownerApprovedAt !== null ? "governance" : "owners",
      grant: shown.grant,
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

/** Who sees the inbox: those who decide some product's requests, and governance (second steps). */
export function usesAccessInbox(user: CurrentUser): boolean {
  return decidableProductsFilter(user) !== null || user.roles.includes("governance");
}

export const INBOX_STATUSES = ["pending", "approved", "denied", "revoked", "expired"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * A tab of the inbox. A grant past its expiry that the scheduled job has not ended yet is listed as expired, not
 * approved (the same as the DTO shows it).
 */
function inboxStatusFilter(status: InboxStatus, now: Date): Prisma.AccessRequestWhereInput {
  const lapsed: Prisma.AccessRequestWhereInput = { status: "approved", grant: { is: { endedAt: null, expiresAt: { lte: now } } } };
  if (status === "approved") return { status: "approved", NOT: lapsed };
  if (status === "expired") return { OR: [{ status: "expired" }, lapsed] };
  return { status };
}

export async function listAccessInbox(
  user: CurrentUser,
  opts: { status: InboxStatus; page: number; pageSize: number },
): Promise<Page<AccessRequestDto> & { pending: number }> {
  const products = decidableProductsFilter(user);
  const governance = user.roles.includes("governance");
  if (!products && !governance) return { items: [], total: 0, pending: 0 };
  // Owners: their products' requests. Governance: requests the owners approved that need its second step.
  const scope: Prisma.AccessRequestWhereInput = {
    OR: [
      ...(products ? [{ product: products }] : []),
      ...(governance ? [{ approval: "owner_and_governance" as const, ownerApprovedAt: { not: null } }] : []),
    ],
  };
  const where: Prisma.AccessRequestWhereInput = { AND: [inboxStatusFilter(opts.status, new Date()), scope] };
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
    opts.status === "pending" ? null : db.accessRequest.count({ where: { AND: [{ status: "pending" }, scope] } }),
  ]);
  return { items: await toDtos(rows), total, pending: pending ?? total };
}

export type ProductAccessState = {
  latest:
    | (Pick<AccessRequestDto, "id" | "status" | "purpose" | "decisionNote" | "createdAt" | "decidedAt" | "waitingFor"> & {
        grant: GrantDto | null;
      })
    | null;
  /** Pending requests for this product (only filled for people who decide them). */
  pendingForOwner: number | null;
  /** Live access grants to this product (only filled for people who decide requests). */
  liveGrantsForOwner: number | null;
};

export async function productAccessState(user: CurrentUser, productId: string, decides: boolean): Promise<ProductAccessState> {
  const [latest, pending, liveGrants] = await Promise.all([
    db.accessRequest.findFirst({
      where: { productId, requesterId: user.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        purpose: true,
        decisionNote: true,
        createdAt: true,
        decidedAt: true,
        approval: true,
        ownerApprovedAt: true,
        grant: { select: { id: true, expiresAt: true, endedAt: true, endReason: true, dbRole: true } },
      },
    }),
    decides ? db.accessRequest.count({ where: { productId, status: "pending" } }) : Promise.resolve(null),
    decides ? db.accessGrant.count({ where: { productId, endedAt: null, expiresAt: { gt: new Date() } } }) : Promise.resolve(null),
  ]);
  return {
    latest: latest
      ? {
          id: latest.id,
          ...shownAccess(latest.status, latest.grant, Date.now()),
          purpose: latest.purpose,
          decisionNote: latest.decisionNote,
          createdAt: latest.createdAt.toISOString(),
          decidedAt: latest.decidedAt?.toISOString() ?? null,
          waitingFor:
            latest.status !== "pending"
              ? null
              : latest.approval === "owner_and_governance" && latest.ownerApprovedAt !== null
                ? "governance"
                : "owners",
        }
      : null,
    pendingForOwner: pending,
    liveGrantsForOwner: liveGrants,
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

/** What the consumer section of a product page shows, read in one statement (productConsumerView). */
export type ProductConsumerView = {
  access: ProductAccessState;
  summary: Satisfaction;
  /** The latest reviews with text (newest first, at most `reviews`), and how many there are. */
  reviews: Page<ReviewDto>;
  mine: { score: number; review: string } | null;
  quality: { latest: QualityRunResult | null; total: number };
};

type ConsumerViewRow = {
  latest_request: ProductAccessState["latest"];
  pending: number | null;
  live_grants: number | null;
  score_counts: { score: number; n: number }[];
  reviews: { userName: string | null; userId: string; score: number; review: string; updatedAt: string }[];
  review_total: number;
  mine: { score: number; review: string } | null;
  latest_run: QualityRunResult | null;
  runs: number;
};

/**
 * The product page's consumer section in one statement: the user's latest access request (and the pending
 * count for those who decide), the rating summary, the latest reviews with text and their authors' names,
 * the user's own rating, and the latest quality run with the number of runs. Same answers as
 * productAccessState, ratingSummary, listReviews(withTextOnly), myRating and listQualityRuns.
 */
export async function productConsumerView(
  user: Pick<CurrentUser, "id">,
  productId: string,
  opts: { decides: boolean; reviews: number },
): Promise<ProductConsumerView> {
  const [row] = await db.$queryRaw<ConsumerViewRow[]>(Prisma.sql`
    SELECT
      (SELECT json_build_object('id', r.id, 'purpose', r.purpose, 'decisionNote', r.decision_note,
                                -- a grant past its expiry that the job has not ended yet is shown expired (shownAccess)
                                'status', CASE WHEN r.status = 'approved' AND EXISTS (SELECT 1 FROM access_grants g WHERE g.request_id = r.id
                                                    AND g.ended_at IS NULL AND g.expires_at <= now()) THEN 'expired'
                                               ELSE r.status::text END,
                                'createdAt', ${isoTimestamp(Prisma.sql`r.created_at`)}, 'decidedAt', ${isoTimestamp(Prisma.sql`r.decided_at`)},
                                'waitingFor', CASE WHEN r.status <> 'pending' THEN NULL
                                                   WHEN r.approval = 'owner_and_governance' AND r.owner_approved_at IS NOT NULL THEN 'governance'
                                                   ELSE 'owners' END,
                                'grant', (SELECT json_build_object('id', g.id, 'expiresAt', ${isoTimestamp(Prisma.sql`g.expires_at`)},
                                                                   'endedAt', ${isoTimestamp(Prisma.sql`coalesce(g.ended_at, CASE WHEN g.expires_at <= now() THEN g.expires_at END)`)},
                                                                   'endReason', coalesce(g.end_reason::text, CASE WHEN g.ended_at IS NULL AND g.expires_at <= now() THEN 'expired' END),
                                                                   'sql', g.db_role IS NOT NULL)
                                            FROM access_grants g WHERE g.request_id = r.id))
         FROM access_requests r WHERE r.product_id = ${productId}::uuid AND r.requester_id = ${user.id}::uuid
        ORDER BY r.created_at DESC LIMIT 1) AS latest_request,
      CASE WHEN ${opts.decides}::boolean THEN
        (SELECT count(*)::int FROM access_requests r WHERE r.product_id = ${productId}::uuid AND r.status = 'pending') END AS pending,
      CASE WHEN ${opts.decides}::boolean THEN
        (SELECT count(*)::int FROM access_grants g WHERE g.product_id = ${productId}::uuid AND g.ended_at IS NULL AND g.expires_at > now()) END AS live_grants,
      (SELECT coalesce(json_agg(json_build_object('score', g.score, 'n', g.n) ORDER BY g.score), '[]'::json)
         FROM (SELECT score, count(*)::int AS n FROM product_ratings WHERE product_id = ${productId}::uuid GROUP BY score) g) AS score_counts,
      (SELECT coalesce(json_agg(json_build_object('userName', u.name, 'userId', x.user_id, 'score', x.score, 'review', x.review,
                                                  'updatedAt', ${isoTimestamp(Prisma.sql`x.updated_at`)}) ORDER BY x.updated_at DESC), '[]'::json)
         FROM (SELECT user_id, score, review, updated_at FROM product_ratings
                WHERE product_id = ${productId}::uuid AND review <> '' ORDER BY updated_at DESC LIMIT ${opts.reviews}::int) x
         LEFT JOIN users u ON u.id = x.user_id) AS reviews,
      (SELECT count(*)::int FROM product_ratings WHERE product_id = ${productId}::uuid AND review <> '') AS review_total,
      (SELECT json_build_object('score', m.score, 'review', m.review)
         FROM product_ratings m WHERE m.product_id = ${productId}::uuid AND m.user_id = ${user.id}::uuid) AS mine,
      (SELECT json_build_object('id', q.id, 'score', q.score, 'metrics', q.metrics, 'rowsChecked', q.rows_checked,
                                'at', ${isoTimestamp(Prisma.sql`q.at`)})
         FROM quality_runs q WHERE q.product_id = ${productId}::uuid ORDER BY q.at DESC LIMIT 1) AS latest_run,
      (SELECT count(*)::int FROM quality_runs WHERE product_id = ${productId}::uuid) AS runs`);
  return {
    access: { latest: row.latest_request, pendingForOwner: row.pending, liveGrantsForOwner: row.live_grants },
    summary: satisfaction(row.score_counts.flatMap((g) => Array<number>(g.n).fill(g.score))),
    reviews: {
      items: row.reviews.map((r) => ({
        userName: r.userName ?? "Former user",
        score: r.score,
        review: r.review,
        updatedAt: r.updatedAt,
        mine: r.userId === user.id,
      })),
      total: row.review_total,
    },
    mine: row.mine,
    quality: { latest: row.latest_run, total: row.runs },
  };
}
