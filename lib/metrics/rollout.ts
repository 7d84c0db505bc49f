// The seed's rollout phases (foundation → pilot → full rollout) per domain: moving a domain between
// stages (data admins), and the rollout overview — stage, products, compliance share, progress over time.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/record";
import { parseInput } from "@/lib/validation/parse";
import { ratio } from "@/lib/metrics/formulas";
import { buckets } from "@/lib/metrics/period";

export const ROLLOUT_STAGES = ["foundation", "pilot", "full"] as const;
export type RolloutStageName = (typeof ROLLOUT_STAGES)[number];
export const STAGE_LABELS: Record<RolloutStageName, string> = { foundation: "Foundation", pilot: "Pilot", full: "Full rollout" };

export const stageSchema = z.object({
  slug: z.string().min(1, "Unknown domain."),
  stage: z.enum(ROLLOUT_STAGES, "Choose foundation, pilot or full rollout."),
});

/** `now` lets the demo seed replay the rollout; the portal always uses the clock. */
export async function setDomainStage(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<{ changed: boolean }> {
  await assertCan(user, "manageRollout", [], {
    action: "set_rollout_stage",
    resource: "rollout",
    message: "Only data admins can move domains between rollout stages.",
  });
  const data = parseInput(stageSchema, input, { message: "Choose a rollout stage." });
  return db.$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { slug: data.slug }, select: { id: true, status: true, rolloutStage: true } });
    if (!domain) throw new NotFoundError("This domain does not exist.");
    if (domain.status === "archived")
      throw new ValidationError("Archived domains are read-only.", { stage: ["Archived domains are read-only."] });
    if (domain.status === "not_onboarded" && data.stage !== "foundation") {
      throw new ValidationError("Onboard the domain before its pilot.", {
        stage: ["A domain that is not onboarded stays in the foundation stage."],
      });
    }
    if (domain.rolloutStage === data.stage) return { changed: false };
    const moved = await tx.domain.updateMany({
      where: { id: domain.id, rolloutStage: domain.rolloutStage },
      data: { rolloutStage: data.stage },
    });
    if (moved.count !== 1) throw new ValidationError("The domain changed stage meanwhile. Reload and try again.");
    await recordMetricEvent(
      {
        type: "domain_stage_changed",
        at: now,
        domainId: domain.id,
        userId: user.id,
        meta: { from: domain.rolloutStage, to: data.stage },
      },
      tx,
    );
    return { changed: true };
  });
}

export type RolloutDomain = {
  id: string;
  slug: string;
  name: string;
  status: string;
  stage: RolloutStageName;
  stageSince: string | null;
  products: number;
  published: number;
  compliant: number;
  failing: number;
  notValidated: number;
  compliantShare: number | null;
};

export type StageChange = { domain: string; from: string; to: string; at: string };

export type RolloutOverview = {
  domains: RolloutDomain[];
  changes: StageChange[];
  /** cumulative published products per domain (slug) at the end of each month */
  progress: Array<Record<string, number | string>>;
  counts: Record<RolloutStageName, number>;
};

/** Everything from the registry, the monthly domain-scope publication rollups and the (rare) stage-change events. */
export async function rolloutOverview(opts: { months?: number; today?: Date } = {}): Promise<RolloutOverview> {
  const today = opts.today ?? new Date();
  const monthsBack = opts.months ?? 12;
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (monthsBack - 1), 1)).toISOString().slice(0, 10);
  const end = today.toISOString().slice(0, 10);
  const [domains, prods, changes, before, monthly] = await Promise.all([
    db.domain.findMany({
      where: { status: { not: "archived" } },
      orderBy: { name: "asc" },
      select: { id: true, slug: true, name: true, status: true, rolloutStage: true },
    }),
    db.$queryRaw<Array<{ domainId: string; total: number; published: number; compliant: number; failing: number; unknown: number }>>`
      SELECT domain_id::text AS "domainId", count(*) FILTER (WHERE lifecycle <> 'retired')::int AS total,
             count(*) FILTER (WHERE lifecycle = 'published')::int AS published,
             count(*) FILTER (WHERE lifecycle <> 'retired' AND compliance_status IN ('passing', 'warnings'))::int AS compliant,
             count(*) FILTER (WHERE lifecycle <> 'retired' AND compliance_status = 'failing')::int AS failing,
             count(*) FILTER (WHERE lifecycle <> 'retired' AND compliance_status = 'unknown')::int AS unknown
      FROM data_products GROUP BY 1`,
    db.metricEvent.findMany({
      where: { type: "domain_stage_changed" },
      orderBy: { at: "asc" },
      select: { at: true, domainId: true, meta: true },
    }),
    db.$queryRaw<Array<{ domainId: string; n: number }>>`
      SELECT domain_id AS "domainId", sum(count)::int AS n FROM metric_rollups
      WHERE type = 'product_published@month' AND domain_id <> '' AND product_id = '' AND day < ${start}::date GROUP BY 1`,
    db.$queryRaw<Array<{ domainId: string; month: string; n: number }>>`
      SELECT domain_id AS "domainId", day::text AS month, sum(count)::int AS n FROM metric_rollups
      WHERE type = 'product_published@month' AND domain_id <> '' AND product_id = '' AND day BETWEEN ${start}::date AND ${end}::date GROUP BY 1, 2`,
  ]);
  const slugOf = new Map(domains.map((d) => [d.id, d.slug]));
  const stageChanges: StageChange[] = changes
    .filter((c) => c.domainId && slugOf.has(c.domainId))
    .map((c) => {
      const m = c.meta as { from?: string; to?: string };
      return { domain: slugOf.get(c.domainId!)!, from: m.from ?? "", to: m.to ?? "", at: c.at.toISOString() };
    });
  const running = new Map(domains.map((d) => [d.slug, before.find((b) => b.domainId === d.id)?.n ?? 0]));
  const progress = buckets(start, end, "month").map((month) => {
    const point: Record<string, number | string> = { bucket: month };
    for (const d of domains) {
      const n = monthly.find((m) => m.domainId === d.id && m.month === month)?.n ?? 0;
      running.set(d.slug, (running.get(d.slug) ?? 0) + n);
      point[d.slug] = running.get(d.slug)!;
    }
    return point;
  });
  const counts: Record<RolloutStageName, number> = { foundation: 0, pilot: 0, full: 0 };
  const rows: RolloutDomain[] = domains.map((d) => {
    const p = prods.find((x) => x.domainId === d.id);
    const last = [...stageChanges].reverse().find((c) => c.domain === d.slug && c.to === d.rolloutStage);
    counts[d.rolloutStage as RolloutStageName]++;
    return {
      id: d.id,
      slug: d.slug,
      name: d.name,
      status: d.status,
      stage: d.rolloutStage as RolloutStageName,
      stageSince: last?.at ?? null,
      products: p?.total ?? 0,
      published: p?.published ?? 0,
      compliant: p?.compliant ?? 0,
      failing: p?.failing ?? 0,
      notValidated: p?.unknown ?? 0,
      compliantShare: p ? ratio(p.compliant, p.total) : null,
    };
  });
  return { domains: rows, changes: stageChanges.reverse(), progress, counts };
}
