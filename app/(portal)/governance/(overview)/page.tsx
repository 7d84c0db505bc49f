// Governance overview: how compliant each domain's products are with their effective policies, which
// products need attention, and a way to re-validate the whole mesh (e.g. after editing a policy).
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { complianceByDomain, productsNeedingAttention } from "@/lib/governance/compliance/overview.db";
import { activeMeshRun } from "@/lib/governance/revalidation/run-progress.db";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { LifecycleBadge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { ComplianceChart } from "../components/compliance-chart";
import { ComplianceStatusBadge } from "@/components/governance/compliance-badges";
import { formatUtc } from "@/lib/format";
import { RevalidateAll } from "../components/revalidate-all";
import { GovernanceTabs } from "../components/governance-tabs";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Governance" };

const PAGE_SIZE = 20;
type Search = Promise<{ page?: string | string[]; status?: string | string[] }>;

export default async function GovernanceOverviewPage({ searchParams }: { searchParams: Search }) {
  const user = await authorize(can.readCompliance, { action: "view_compliance", resource: "governance:overview" }).catch(() => forbidden());
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const status = one(sp.status) === "failing" || one(sp.status) === "warnings" ? (one(sp.status) as "failing" | "warnings") : undefined;
  const page = parsePage(sp.page);

  const [domains, attention, activeRun] = await Promise.all([
    complianceByDomain(),
    productsNeedingAttention({ status, page, pageSize: PAGE_SIZE }),
    activeMeshRun(),
  ]);
  const totals = domains.reduce(
    (t, d) => ({
      passing: t.passing + d.passing,
      warnings: t.warnings + d.warnings,
      failing: t.failing + d.failing,
      unknown: t.unknown + d.unknown,
    }),
    { passing: 0, warnings: 0, failing: 0, unknown: 0 },
  );
  const filterLink = (s?: string) => (s ? `/governance?status=${s}#attention` : "/governance#attention");

  return (
    <>
      <PageHeader
        title="Governance"
        description="Compliance of every domain's data products with their effective policy (global policy plus the domain's own)."
      />
      <GovernanceTabs />

      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="compliance-totals">
        <Stat label="Passing" value={totals.passing} className="text-emerald-700" />
        <Stat label="With warnings" value={totals.warnings} className="text-amber-700" href={filterLink("warnings")} />
        <Stat label="Failing" value={totals.failing} className="text-red-700" href={filterLink("failing")} />
        <Stat label="Not validated" value={totals.unknown} className="text-slate-700" />
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Compliance per domain" className="min-w-0 lg:col-span-3">
          {domains.length === 0 ? (
            <EmptyState>No domains yet.</EmptyState>
          ) : (
            <>
              <ComplianceChart
                rows={domains.map((d) => ({
                  name: d.name,
                  passing: d.passing,
                  warnings: d.warnings,
                  failing: d.failing,
                  unknown: d.unknown,
                }))}
              />
              <div className="mt-4">
                <Table>
                  <thead>
                    <tr>
                      <Th>Domain</Th>
                      <Th>Passing</Th>
                      <Th>Warnings</Th>
                      <Th>Failing</Th>
                      <Th>Not validated</Th>
                      <Th>Products</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100" data-testid="domain-compliance">
                    {domains.map((d) => (
                      <tr key={d.slug} data-domain={d.slug}>
                        <Td>
                          <Link className="font-medium text-brand-700 hover:underline" href={`/catalog?domain=${d.slug}`}>
                            {d.name}
                          </Link>
                        </Td>
                        <Td>{d.passing}</Td>
                        <Td>{d.warnings}</Td>
                        <Td className={d.failing > 0 ? "font-semibold text-red-700" : undefined}>{d.failing}</Td>
                        <Td>{d.unknown}</Td>
                        <Td>{d.total}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <p className="mt-2 text-xs text-slate-500">
                  Retired products are not counted. A domain name opens its products in the catalog.
                </p>
              </div>
            </>
          )}
        </Card>

        <Card title="Re-validate" className="min-w-0 lg:col-span-2">
          <p className="mb-3 text-sm text-slate-700">
            Products are validated when they are edited, published and when a policy is saved. Re-validate everything after other changes,
            such as new quality measurements.
          </p>
          {can.revalidateAll(user) ? (
            <RevalidateAll active={activeRun} />
          ) : (
            <p className="text-sm text-slate-500">Only governance and data admins can start it.</p>
          )}
        </Card>
      </div>

      <section id="attention" aria-labelledby="attention-heading" className="mt-8">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="attention-heading" className="text-base font-semibold text-slate-900">
            Products needing attention
          </h2>
          <nav aria-label="Filter products needing attention" className="flex gap-1 text-sm">
            {[
              { s: undefined, label: "All" },
              { s: "failing", label: "Failing" },
              { s: "warnings", label: "Warnings" },
            ].map((f) => (
              <Link
                key={f.label}
                href={filterLink(f.s)}
                aria-current={status === f.s ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ${status === f.s ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {f.label}
              </Link>
            ))}
          </nav>
        </div>
        {attention.total === 0 ? (
          <EmptyState>
            {status
              ? `No ${status === "failing" ? "failing products" : "products with warnings"}.`
              : "Every validated product passes its policy."}
          </EmptyState>
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Product</Th>
                  <Th>Domain</Th>
                  <Th>Status</Th>
                  <Th>Errors</Th>
                  <Th>Warnings</Th>
                  <Th>Lifecycle</Th>
                  <Th>Checked</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="attention-products">
                {attention.rows.map((p) => (
                  <tr key={`${p.domain}/${p.name}`}>
                    <Td>
                      <Link
                        className="whitespace-nowrap font-medium text-brand-700 hover:underline"
                        href={`/products/${p.domain}/${p.name}/compliance`}
                      >
                        {p.name}
                      </Link>
                    </Td>
                    <Td>{p.domain}</Td>
                    <Td>
                      <ComplianceStatusBadge status={p.status} />
                    </Td>
                    <Td>{p.errors}</Td>
                    <Td>{p.warnings}</Td>
                    <Td>
                      <LifecycleBadge value={p.lifecycle} />
                    </Td>
                    <Td className="whitespace-nowrap text-slate-600">{p.validatedAt ? formatUtc(p.validatedAt) : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={attention.total} basePath="/governance" params={{ status }} />
          </>
        )}
      </section>
    </>
  );
}

function Stat({ label, value, className, href }: { label: string; value: number; className: string; href?: string }) {
  const body = (
    <>
      <span className="block text-sm text-slate-500">{label}</span>
      <span className={`block text-2xl font-semibold ${className}`}>{value}</span>
    </>
  );
  const box = "block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200";
  return href ? (
    <Link href={href} className={`${box} hover:ring-brand-300`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}
