// One domain's compliance-monitor findings: its open violations, their history and time to resolve.
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { authorize, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { parsePage } from "@/lib/pagination";
import { domainBySlug, listViolations, violationSummary } from "@/lib/governance/compliance/monitor/queries.db";
import { parseStatus, ViolationsView } from "../../components/violations-view";

const PAGE_SIZE = 25;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[]; status?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return signedInTitle(() => `Compliance · ${slug}`);
}

export default async function DomainComplianceMonitorPage({ params, searchParams }: Props) {
  await authorize(can.readCompliance, { action: "view_compliance", resource: "governance:compliance" }).catch(() => forbidden());
  const { slug } = await params;
  const domain = await domainBySlug(slug);
  if (!domain) notFound();
  const sp = await searchParams;
  const status = parseStatus(sp.status);
  const page = parsePage(sp.page);
  const [summary, list] = await Promise.all([
    violationSummary(domain.id),
    listViolations({ status, domainId: domain.id }, page, PAGE_SIZE),
  ]);
  return (
    <>
      <Breadcrumb items={[{ href: "/governance/compliance", label: "Compliance monitor" }, { label: domain.name }]} />
      <PageHeader
        title={`Compliance of ${domain.name}`}
        description="What the compliance monitor found in this domain's provisioned products."
      />
      <ViolationsView
        summary={summary}
        items={list.items}
        total={list.total}
        page={page}
        pageSize={PAGE_SIZE}
        status={status}
        basePath={`/governance/compliance/domains/${domain.slug}`}
      />
    </>
  );
}
