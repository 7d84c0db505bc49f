// Read side of the platform pages: the overview's counts and the mesh's latest provisioning jobs, and the
// health endpoint's database probe. DTOs only, never whole rows.
import "server-only";
import { db } from "@/lib/db";

export type PlatformJobDto = {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  environment: string;
  domain: string;
  product: string;
};

export type PlatformOverview = {
  templates: number;
  processingTemplates: number;
  /** The configuration's version, or null while the built-in default applies. */
  configVersion: number | null;
  activeDeployments: number;
  failedDeployments: number;
  jobs: PlatformJobDto[];
  totalJobs: number;
};

export async function platformOverview(opts: { page: number; pageSize: number }): Promise<PlatformOverview> {
  const [templates, processingTemplates, config, activeDeployments, failedDeployments, jobs, totalJobs] = await Promise.all([
    db.template.count({ where: { retired: false } }),
    db.processingTemplate.count({ where: { retired: false } }),
    db.platformConfig.findUnique({ where: { id: 1 }, select: { version: true } }),
    db.deployment.count({ where: { status: "active" } }),
    db.deployment.count({ where: { status: "failed" } }),
    db.provisioningJob.findMany({
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        id: true,
        kind: true,
        status: true,
        createdAt: true,
        deployment: { select: { environment: true, product: { select: { name: true, domain: { select: { slug: true } } } } } },
      },
    }),
    db.provisioningJob.count(),
  ]);
  return {
    templates,
    processingTemplates,
    configVersion: config?.version ?? null,
    activeDeployments,
    failedDeployments,
    jobs: jobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      status: j.status,
      createdAt: j.createdAt.toISOString(),
      environment: j.deployment.environment,
      domain: j.deployment.product.domain.slug,
      product: j.deployment.product.name,
    })),
    totalJobs,
  };
}

/** Resolves when the database answers a trivial query; rejects otherwise (the caller logs and answers 503). */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("select 1");
}
