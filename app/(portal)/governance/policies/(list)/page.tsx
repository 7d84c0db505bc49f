// Policy administration index: the global policy and every domain's policy (or the lack of one), with
// version, who saved it and when, and the keys the global policy locks.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listPolicies } from "@/lib/governance/policies/queries.db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { GovernanceTabs } from "../../components/governance-tabs";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Policies" };

const PAGE_SIZE = 20;

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const user = await requirePageUser();
  if (!can.readPolicies(user)) forbidden();
  const q = await searchParams;
  const page = parsePage(q.page);
  const index = await listPolicies(page, PAGE_SIZE);
  const editor = can.editPolicies(user);

  return (
    <>
      <GovernanceTabs />
      <PageHeader
        title="Policies"
        description="Federated governance: one global policy sets the rules and locks what domains may not change; each domain tunes the rest."
      />
      <div className="space-y-6">
        <Card
          title="Global policy"
          actions={
            index.global && (
              <div className="flex flex-wrap gap-2">
                <ButtonLink href="/governance/policies/global" variant={editor ? "primary" : "secondary"}>
                  {editor ? "Edit" : "View"}
                </ButtonLink>
                <ButtonLink href="/governance/policies/global/history" variant="secondary">
                  History
                </ButtonLink>
                <a
                  href="/api/governance/policies/export?scope=global"
                  download
                  className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
                >
                  Download YAML
                </a>
              </div>
            )
          }
        >
          {!index.global ? (
            <EmptyState>There is no global policy yet. Seed the database to load the default policy.</EmptyState>
          ) : (
            <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="global-policy-summary">
              <div>
                <dt className="text-slate-500">Name</dt>
                <dd className="font-mono text-xs">{index.global.name}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Version</dt>
                <dd className="font-medium">{index.global.version}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Last change</dt>
                <dd>
                  {index.global.updatedBy ?? "seed"} · {formatUtc(index.global.updatedAt)}
                  {index.global.note && <span className="block text-slate-600">“{index.global.note}”</span>}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Locked for domains</dt>
                <dd className="mt-1 flex flex-wrap gap-1">
                  {index.global.locked.length === 0 ? (
                    <span className="text-slate-600">nothing</span>
                  ) : (
                    index.global.locked.map((k) => (
                      <Badge key={k} tone="red">
                        {k}
                      </Badge>
                    ))
                  )}
                  {!index.global.domainOverridesAllowed && <Badge tone="amber">overrides off</Badge>}
                </dd>
              </div>
            </dl>
          )}
        </Card>

        <Card title="Domain policies">
          {index.domains.length === 0 ? (
            <EmptyState>There are no domains yet.</EmptyState>
          ) : (
            <>
              <Table>
                <thead>
                  <tr>
                    <Th>Domain</Th>
                    <Th>Version</Th>
                    <Th>Last change</Th>
                    <Th>Ignored values</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {index.domains.map((d) => (
                    <tr key={d.slug}>
                      <Td>
                        <Link href={`/governance/policies/domains/${d.slug}`} className="font-medium text-brand-700 hover:underline">
                          {d.domainName}
                        </Link>
                        <span className="block font-mono text-xs text-slate-500">{d.slug}</span>
                      </Td>
                      <Td>{d.policy ? d.policy.version : <Badge>global only</Badge>}</Td>
                      <Td className="min-w-40">
                        {d.policy ? (
                          <>
                            {d.policy.updatedBy ?? "seed"} · {formatUtc(d.policy.updatedAt)}
                            {d.policy.note && <span className="block text-slate-600">“{d.policy.note}”</span>}
                          </>
                        ) : (
                          <span className="text-slate-500">No policy of its own</span>
                        )}
                      </Td>
                      <Td>
                        {d.overridden.length > 0 ? (
                          <span className="text-xs text-amber-800">Ignored (locked): {d.overridden.join(", ")}</span>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </Td>
                      <Td className="whitespace-nowrap">
                        <Link href={`/governance/policies/domains/${d.slug}`} className="mr-3 text-brand-700 hover:underline">
                          {d.policy ? (editor ? "Edit" : "View") : editor ? "Create" : "View"}
                        </Link>
                        {d.policy && (
                          <Link href={`/governance/policies/domains/${d.slug}/history`} className="text-brand-700 hover:underline">
                            History
                          </Link>
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <Pagination page={page} pageSize={PAGE_SIZE} total={index.totalDomains} basePath="/governance/policies" params={{}} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
