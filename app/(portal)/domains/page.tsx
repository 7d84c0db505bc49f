import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listDomains, type DomainSummary } from "@/lib/domains/service";
import { ButtonLink } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DomainStatusBadge } from "./components/domain-status-badge";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Domains" };

const PAGE_SIZE = 24;

export default async function DomainsPage({ searchParams }: { searchParams: Promise<{ archived?: string; page?: string }> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  const showArchived = params.archived === "1";
  const page = parsePage(params.page);
  const { items: domains, total } = await listDomains({ includeArchived: showArchived, page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Domains"
        description="The business domains that own data products, and who looks after them."
        actions={can.manageDomains(user) ? <ButtonLink href="/domains/new">New domain</ButtonLink> : undefined}
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span>
          {total} {total === 1 ? "domain" : "domains"}
          {showArchived ? ", including archived" : ""}
        </span>
        <Link href={showArchived ? "/domains" : "/domains?archived=1"} className="text-brand-700 hover:underline">
          {showArchived ? "Hide archived domains" : "Show archived domains"}
        </Link>
      </div>
      {total === 0 ? (
        <EmptyState>
          No domains yet.{can.manageDomains(user) ? " Create the first one with “New domain”." : " A data admin creates them."}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {domains.map((d) => (
            <li key={d.slug}>
              <DomainCard domain={d} />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        basePath="/domains"
        params={{ archived: showArchived ? "1" : undefined }}
      />
    </>
  );
}

function DomainCard({ domain: d }: { domain: DomainSummary }) {
  return (
    <article className="flex h-full flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900">
            <Link href={`/domains/${d.slug}`} className="hover:underline">
              {d.name}
            </Link>
          </h2>
          <p className="font-mono text-xs text-slate-500">{d.slug}</p>
        </div>
        <DomainStatusBadge status={d.status} />
      </header>
      {d.description && <p className="mt-2 line-clamp-2 text-sm text-slate-600">{d.description}</p>}
      <p className="mb-3 mt-2 truncate text-sm text-slate-600" title={d.ownerTeam}>
        Owner team: <span className="text-slate-800">{d.ownerTeam}</span>
      </p>
      <dl className="mt-auto grid grid-cols-3 gap-2 border-t border-slate-100 pt-3 text-center">
        <Stat label="Products" value={d.productCount} />
        <Stat label="Published" value={d.publishedCount} />
        <Stat label="Members" value={d.memberCount} />
      </dl>
    </article>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900">{value}</dd>
    </div>
  );
}
