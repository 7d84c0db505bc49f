// A re-validation run's progress, for the page that polls it, and who may see it: a whole-mesh run is
// the compliance overview's (governance, data admins); a domain's run also its members'.
import "server-only";
import { db } from "@/lib/db";
import { can } from "@/lib/auth";
import type { CurrentUser } from "@/lib/auth/server";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

export type RevalidationStatus = "queued" | "running" | "succeeded" | "failed";

export type RevalidationRunDto = {
  id: string;
  trigger: string;
  domain: string | null;
  status: RevalidationStatus;
  total: number;
  done: number;
  failed: number;
  passing: number;
  warnings: number;
  failing: number;
  createdAt: string;
  finishedAt: string | null;
};

const SELECT = {
  id: true,
  trigger: true,
  domainSlug: true,
  status: true,
  total: true,
  done: true,
  failed: true,
  passing: true,
  warnings: true,
  failing: true,
  createdAt: true,
  finishedAt: true,
} as const;

function toDto(r: {
  id: string;
  trigger: string;
  domainSlug: string | null;
  status: string;
  total: number;
  done: number;
  failed: number;
  passing: number;
  warnings: number;
  failing: number;
  createdAt: Date;
  finishedAt: Date | null;
}): RevalidationRunDto {
  return {
    id: r.id,
    trigger: r.trigger,
    domain: r.domainSlug,
    status: r.status as RevalidationStatus,
    total: r.total,
    done: r.done,
    failed: r.failed,
    passing: r.passing,
    warnings: r.warnings,
    failing: r.failing,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

const mayRead = (user: CurrentUser, domain: string | null) =>
  domain === null ? can.readCompliance(user) : can.readDomainPolicy(user, domain);

export async function getVisibleRun(user: CurrentUser, runId: string): Promise<RevalidationRunDto> {
  const row = /^[0-9a-f-]{36}$/i.test(runId) ? await db.revalidationRun.findUnique({ where: { id: runId }, select: SELECT }) : null;
  if (!row) throw new NotFoundError("This re-validation does not exist.");
  if (!mayRead(user, row.domainSlug))
    throw new ForbiddenError("Only governance, data admins and the domain's members can follow this re-validation.");
  return toDto(row);
}

/** The newest whole-mesh run still in progress, so the overview shows it after a reload. */
export async function activeMeshRun(): Promise<RevalidationRunDto | null> {
  const row = await db.revalidationRun.findFirst({
    where: { domainSlug: null, status: { in: ["queued", "running"] } },
    orderBy: { createdAt: "desc" },
    select: SELECT,
  });
  return row ? toDto(row) : null;
}
