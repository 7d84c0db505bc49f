import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getDomain, listDomainProducts } from "@/lib/domains/service";
import { productPath } from "@/lib/products/dto";
import { Badge, ClassificationBadge, LifecycleBadge, type Tone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { DomainStatusBadge } from "../components/domain-status-badge";
import { AddMemberForm, RemoveMemberButton } from "../components/member-forms";
import { ArchiveDomainForm } from "../components/archive-domain-form";
import { parsePage } from "@/lib/pagination";

const PAGE_SIZE = 20;
// Metadata and page share one lookup per request.
const loadDomain = cache(getDomain);
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const roleTone: Record<string, Tone> = { owner: "purple", producer: "blue", viewer: "gray" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return signedInTitle(async () => (await loadDomain(slug))?.name ?? "Domain not found");
}

export default async function DomainPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { slug } = await params;
  const page = parsePage((await searchParams).page);
  const domain = await loadDomain(slug);
  if (!domain) notFound();
  const products = await listDomainProducts(domain.slug, { page, pageSize: PAGE_SIZE });
  const archived = domain.status === "archived";
  const manage = can.manageDomains(user) && !archived;
  const register = !archived && domain.status === "onboarded" && can.createProduct(user, domain.slug);

  return (
    <>
      {archived && (
        <div role="status" className="mb-4 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-800 ring-1 ring-slate-200">
          This domain was archived{domain.archivedAt ? ` on ${dateFmt.format(new Date(domain.archivedAt))}` : ""}. It is read-only; its
          products remain in the catalog.
        </div>
      )}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {domain.name} <DomainStatusBadge status={domain.status} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{domain.slug}</span> · Owner team{" "}
            <a href={`mailto:${domain.ownerTeam}`} className="break-all text-brand-700 hover:underline">
              {domain.ownerTeam}
            </a>
          </>
        }
        actions={
          <>
            {can.readDomainMetrics(user, domain.slug) && (
              <ButtonLink href={`/metrics/domains/${domain.slug}`} variant="secondary">
                Metrics
              </ButtonLink>
            )}
            {can.readDomainPolicy(user, domain.slug) && (
              <ButtonLink href={`/governance/policies/domains/${domain.slug}`} variant="secondary">
                Domain policy
              </ButtonLink>
            )}
            {manage && (
              <>
                <ButtonLink href={`/domains/${domain.slug}/edit`} variant="secondary">
                  Edit
                </ButtonLink>
                <ArchiveDomainForm slug={domain.slug} name={domain.name} />
              </>
            )}
          </>
        }
      />

      <div className="space-y-6">
        <Card title="About">
          <p className="whitespace-pre-line text-sm text-slate-700">{domain.description || "No description yet."}</p>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <Fact label="Products" value={products.total} />
            <Fact label="Published" value={products.published} />
            <Fact label="Members" value={domain.members.length} />
            <Fact label="Created" value={dateFmt.format(new Date(domain.createdAt))} />
          </dl>
        </Card>

        <Card title="Members">
          {domain.members.length === 0 ? (
            <EmptyState>No members yet.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Role</Th>
                  {manage && (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {domain.members.map((m) => (
                  <tr key={m.userId}>
                    <Td className="whitespace-nowrap font-medium">{m.name}</Td>
                    <Td className="whitespace-nowrap">{m.email}</Td>
                    <Td>
                      <Badge tone={roleTone[m.role] ?? "gray"}>{m.role}</Badge>
                    </Td>
                    {manage && (
                      <Td className="text-right">
                        <RemoveMemberButton slug={domain.slug} userId={m.userId} name={m.name} />
                      </Td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {manage && <AddMemberForm slug={domain.slug} />}
        </Card>

        <Card
          title="Data products"
          actions={
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <Link href={`/catalog?domain=${encodeURIComponent(domain.slug)}`} className="text-brand-700 hover:underline">
                Open in catalog
              </Link>
              {register && <ButtonLink href={`/products/new?domain=${encodeURIComponent(domain.slug)}`}>Register a product</ButtonLink>}
            </div>
          }
        >
          {products.total === 0 ? (
            <EmptyState>This domain has no data products yet.</EmptyState>
          ) : (
            <>
              <Table>
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Version</Th>
                    <Th>Classification</Th>
                    <Th>Lifecycle</Th>
                    <Th>Updated</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {products.items.map((p) => (
                    <tr key={p.name}>
                      <Td className="whitespace-nowrap">
                        <Link href={productPath(p)} className="font-medium text-brand-700 hover:underline">
                          {p.name}
                        </Link>
                      </Td>
                      <Td className="font-mono text-xs">{p.version}</Td>
                      <Td>
                        <ClassificationBadge value={p.classification} />
                      </Td>
                      <Td>
                        <LifecycleBadge value={p.lifecycle} />
                      </Td>
                      <Td className="whitespace-nowrap">{dateFmt.format(new Date(p.updatedAt))}</Td>
                    </tr>
                  ))}
                  {products.items.length === 0 && (
                    <tr>
                      <td colSpan={5} className="px-3 py-2 text-slate-500">
                        No products on this page.
                      </td>
                    </tr>
                  )}
                </tbody>
              </Table>
              <Pagination page={page} pageSize={PAGE_SIZE} total={products.total} basePath={`/domains/${domain.slug}`} params={{}} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-semibold text-slate-900">{value}</dd>
    </div>
  );
}
