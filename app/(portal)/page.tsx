import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getOverviewCounts, listMyDomains, listRecentProducts } from "@/lib/products/overview";
import { productPath } from "@/lib/products/dto";
import { Badge, LifecycleBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { DomainStatusBadge } from "./domains/components/domain-status-badge";

export const metadata: Metadata = { title: "Home" };

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const numberFmt = new Intl.NumberFormat("en");

export default async function HomePage() {
  const user = await requirePageUser();
  const [counts, myDomains, recent] = await Promise.all([getOverviewCounts(), listMyDomains(user.id), listRecentProducts(8)]);
  // Same rule as the navigation: admins, and producers who produce in at least one domain.
  const mayRegister = can.manageDomains(user) || Object.keys(user.domains).some((slug) => can.createProduct(user, slug));
  const tiles = [
    { label: "Products published", value: counts.published, href: "/catalog?lifecycle=published" },
    { label: "In review", value: counts.inReview, href: "/catalog?lifecycle=in_review" },
    { label: "Drafts", value: counts.drafts, href: "/catalog?lifecycle=draft" },
    { label: "Domains onboarded", value: counts.domainsOnboarded, href: "/domains" },
    { label: "Fields catalogued", value: counts.fields, href: "/catalog" },
  ];

  return (
    <>
      <PageHeader
        title={`Welcome back, ${user.name}`}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            {user.roles.length === 0 ? "Signed in, with no portal role yet." : "Signed in as"}
            {user.roles.map((r) => (
              <Badge key={r} tone="blue">
                {ROLE_LABELS[r]}
              </Badge>
            ))}
          </span>
        }
        actions={
          mayRegister ? (
            <>
              <ButtonLink href="/products/new">Register a product</ButtonLink>
              <ButtonLink href="/products/import" variant="secondary">
                Import
              </ButtonLink>
            </>
          ) : undefined
        }
      />

      <ul className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map((t) => (
          <li key={t.label}>
            <Link href={t.href} className="block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500">
              <span className="block text-2xl font-semibold text-slate-900">{numberFmt.format(t.value)}</span>
              <span className="block text-sm text-slate-600">{t.label}</span>
            </Link>
          </li>
        ))}
      </ul>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Recently updated products"
          className="min-w-0 lg:col-span-2"
          actions={
            <Link href="/catalog" className="text-sm text-brand-700 hover:underline">
              Browse the catalog
            </Link>
          }
        >
          {recent.length === 0 ? (
            <EmptyState>No data products yet.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Product</Th>
                  <Th>Domain</Th>
                  <Th>Version</Th>
                  <Th>Lifecycle</Th>
                  <Th>Updated</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {recent.map((p) => (
                  <tr key={`${p.domain}/${p.name}`}>
                    <Td className="whitespace-nowrap">
                      <Link href={productPath(p)} className="font-medium text-brand-700 hover:underline">
                        {p.name}
                      </Link>
                    </Td>
                    <Td className="whitespace-nowrap">{p.domain}</Td>
                    <Td className="font-mono text-xs">{p.version}</Td>
                    <Td>
                      <LifecycleBadge value={p.lifecycle} />
                    </Td>
                    <Td className="whitespace-nowrap">{dateFmt.format(new Date(p.updatedAt))}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card
          title="Your domains"
          className="min-w-0"
          actions={
            <Link href="/domains" className="text-sm text-brand-700 hover:underline">
              All domains
            </Link>
          }
        >
          {myDomains.length === 0 ? (
            <EmptyState>You are not a member of any domain yet. A data admin can add you.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {myDomains.map((d) => (
                <li key={d.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/domains/${d.slug}`} className="min-w-0 truncate font-medium text-brand-700 hover:underline">
                    {d.name}
                  </Link>
                  <span className="flex items-center gap-1.5">
                    {d.status !== "onboarded" && <DomainStatusBadge status={d.status} />}
                    <Badge>{d.role}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
