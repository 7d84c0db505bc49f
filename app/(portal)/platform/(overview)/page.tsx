// The self-serve platform for platform admins: what is configured and the latest provisioning jobs.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { statusTone } from "@/components/provisioning/format";
import { PlatformTabs } from "../components/platform-tabs";
import { requirePlatformAdmin } from "../components/require-admin";
import { parsePage } from "@/lib/pagination";
import { platformOverview } from "@/lib/platform/queries";

export const metadata: Metadata = { title: "Platform" };
const PAGE_SIZE = 15;

export default async function PlatformPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePlatformAdmin();
  const page = parsePage((await searchParams).page);
  const o = await platformOverview({ page, pageSize: PAGE_SIZE });
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
        {stat("Product templates", o.templates, "/platform/templates")}
        {stat("Processing templates", o.processingTemplates, "/platform/processing")}
        {stat("Configuration", o.configVersion !== null ? `v${o.configVersion}` : "default", "/platform/config")}
        {stat("Active deployments", o.activeDeployments)}
        {stat("Failed deployments", o.failedDeployments)}
      </div>
      <Card title="Provisioning jobs">
        {o.totalJobs === 0 ? (
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
                {o.jobs.map((j) => (
                  <tr key={j.id}>
                    <Td className="whitespace-nowrap text-xs">{formatUtc(j.createdAt)}</Td>
                    <Td>
                      <Link className="text-brand-700 hover:underline" href={`/products/${j.domain}/${j.product}`}>
                        {j.domain}/{j.product}
                      </Link>
                    </Td>
                    <Td>
                      <Link className="text-brand-700 hover:underline" href={`/products/${j.domain}/${j.product}/deployments/${j.id}`}>
                        {j.kind} {j.environment}
                      </Link>
                    </Td>
                    <Td>
                      <Badge tone={statusTone[j.status] ?? "gray"}>{j.status}</Badge>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={o.totalJobs} basePath="/platform" params={{}} />
          </>
        )}
      </Card>
    </>
  );
}
