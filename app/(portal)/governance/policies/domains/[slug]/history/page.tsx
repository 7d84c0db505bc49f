// History of one domain's policy: versions with author, time and note, and diffs between any two.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { domainName } from "@/lib/governance/policies/queries.db";
import { PageHeader } from "@/components/ui/card";
import { GovernanceTabs } from "../../../../components/governance-tabs";
import { PolicyHistoryView } from "../../../components/policy-history-view";

export const metadata: Metadata = { title: "Domain policy history" };

type Search = Promise<{ from?: string | string[]; to?: string | string[]; page?: string | string[] }>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DomainPolicyHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Search;
}) {
  const user = await requirePageUser();
  const { slug } = await params;
  if (!can.readDomainPolicy(user, slug)) forbidden();
  const name = await domainName(slug);
  if (name === null) notFound();
  const domain = { name };
  const q = await searchParams;
  const base = `/governance/policies/domains/${slug}`;
  return (
    <>
      {can.readPolicies(user) && <GovernanceTabs />}
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        {can.readPolicies(user) && (
          <>
            <Link href="/governance/policies" className="hover:underline">
              Policies
            </Link>{" "}
            /{" "}
          </>
        )}
        <Link href={base} className="hover:underline">
          {domain.name} policy
        </Link>{" "}
        / History
      </nav>
      <PageHeader title={`${domain.name} policy history`} />
      <PolicyHistoryView
        policyRef={{ scope: "domain", slug }}
        basePath={`${base}/history`}
        exportBase={`/api/governance/policies/export?scope=domain&domain=${encodeURIComponent(slug)}`}
        params={{ from: first(q.from), to: first(q.to), page: first(q.page) }}
      />
    </>
  );
}
