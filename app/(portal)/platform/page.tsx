// The self-serve platform for platform admins: what is configured and the latest provisioning jobs.
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { statusTone } from "@/components/provisioning/format";
import { PlatformTabs } from "./components/platform-tabs";
import { requirePlatformAdmin } from "./components/require-admin";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Platform" };
const PAGE_SIZE = 15;

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePlatformAdmin();
  const page = parsePage((await searchParams).page);
  const [templates, processing, config, active, failed, jobs, total] = await Promise.all([
    db.template.count({ where: { retired: false } }),
    db.processingTemplate.count({ where: { retired: false } }),
    db.platformConfig.findUnique({ where: { id: 1 }, select: { version: true } }),
    db.deployment.count({ where: { status: "active" } }),
    db.deployment.count({ where: { status: "failed" } }),
    db.provisioningJob.findMany({
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        status: true,
        createdAt: true,
        finishedAt: true,
        deployment: { select: { environment: true, product: { select: { name: true, domain: { select: { slug: true } } } } } },
      },
    }),
    db.provisioningJob.count(),
  ]);
  const stat = (label: string, value: string | number, href?: string) => (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900">
        {href ? (
          <Link className="hover:underline" href={href}>
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
    </div>
  );
  return (
    <>
      <PageHeader
        title="Self-serve platform"
        description="Templates, processing templates and the platform configuration that provisioning uses."
      />
      <PlatformTabs />
      <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-5">
        {stat("Product templates", templates, "/platform/templates")}
        {stat("Processing templates", processing, "/platform/processing")}
        {stat("Configuration", config ? `v${config.version}` : "default", "/platform/config")}
        {stat("Active deployments", active)}
        {stat("Failed deployments", failed)}
      </div>
      <Card title="Provisioning jobs">
        {total === 0 ? (
          <p className="text-sm text-slate-600">
            No provisioning jobs yet. Product owners start them from a product&apos;s Deployments section.
          </p>
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Requested</Th>
                  <Th>Product</Th>
                  <Th>Job</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {jobs.map((j) => {
                  const p = j.deployment.product;
                  return (
                    <tr key={j.id}>
                      <Td className="whitespace-nowrap text-xs">{formatUtc(j.createdAt.toISOString())}</Td>
                      <Td>
                        <Link className="text-brand-700 hover:underline" href={`/products/${p.domain.slug}/${p.name}`}>
                          {p.domain.slug}/{p.name}
                        </Link>
                      </Td>
                      <Td>
                        <Link className="text-brand-700 hover:underline" href={`/products/${p.domain.slug}/${p.name}/deployments/${j.id}`}>
                          {j.kind} {j.deployment.environment}
                        </Link>
                      </Td>
                      <Td>
                        <Badge tone={statusTone[j.status] ?? "gray"}>{j.status}</Badge>
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/platform" params={{}} />
          </>
        )}
      </Card>
    </>
  );
}
