// History of the global policy: every version with author, time and note, and diffs between any two.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { GovernanceTabs } from "../../../components/governance-tabs";
import { PolicyHistoryView } from "../../components/policy-history-view";

export const metadata: Metadata = { title: "Global policy history" };

type Search = Promise<{ from?: string | string[]; to?: string | string[]; page?: string | string[] }>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function GlobalPolicyHistoryPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  if (!can.readPolicies(user)) forbidden();
  const q = await searchParams;
  return (
    <>
      <GovernanceTabs />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/governance/policies" className="hover:underline">
          Policies
        </Link>{" "}
        /{" "}
        <Link href="/governance/policies/global" className="hover:underline">
          Global
        </Link>{" "}
        / History
      </nav>
      <PageHeader title="Global policy history" />
      <PolicyHistoryView
        policyRef={{ scope: "global" }}
        basePath="/governance/policies/global/history"
        exportBase="/api/governance/policies/export?scope=global"
        params={{ from: first(q.from), to: first(q.to), page: first(q.page) }}
      />
    </>
  );
}
