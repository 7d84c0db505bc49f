// A product's deployments on a page of their own: staging and production (status, version, where the
// data lives, what the owner can do next) and every provisioning job, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { productPath } from "@/lib/products/dto";
import { listJobs } from "@/lib/provisioning/queries";
import { formatUtc } from "@/lib/format";
import { parsePage } from "@/lib/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { statusTone } from "@/components/provisioning/format";
import { loadProduct } from "../load-product";
import { ProductBreadcrumb } from "../components/product-breadcrumb";
import { DeploymentsSection } from "../components/deployments-section";

type Params = Promise<{ domain: string; product: string }>;
const PAGE_SIZE = 20;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { domain, product } = await params;
  return signedInTitle(async () => ((await loadProduct(domain, product)) ? `Deployments · ${product}` : "Data product not found"));
}

export default async function DeploymentsPage({ params, searchParams }: { params: Params; searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const base = productPath(product);
  const view = can.viewDeployments(user, { domain: product.domain });
  const page = parsePage((await searchParams).page);
  const jobs = view ? await listJobs(product.id, page, PAGE_SIZE) : null;
  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Deployments" />
      <PageHeader title="Deployments" description={`Where ${product.name} runs, at which version, and how it got there.`} />
      <DeploymentsSection product={product} user={user} />
      {jobs && (
        <Card title="Provisioning jobs">
          {jobs.total === 0 ? (
            <EmptyState>No provisioning job has run for this product yet.</EmptyState>
          ) : (
            <>
              <Table>
                <thead>
                  <tr>
                    <Th>Requested</Th>
                    <Th>Job</Th>
                    <Th>Status</Th>
                    <Th>Finished</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {jobs.rows.map((j) => (
                    <tr key={j.id} data-testid="deployment-job">
                      <Td className="whitespace-nowrap text-xs">{formatUtc(j.createdAt)}</Td>
                      <Td>
                        <Link className="text-brand-700 hover:underline" href={`${base}/deployments/${j.id}`}>
                          {j.kind} {j.environment}
                        </Link>
                      </Td>
                      <Td>
                        <Badge tone={statusTone[j.status] ?? "gray"}>{j.status}</Badge>
                      </Td>
                      <Td className="whitespace-nowrap text-xs">{formatUtc(j.finishedAt)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <Pagination page={page} pageSize={PAGE_SIZE} total={jobs.total} basePath={`${base}/deployments`} params={{}} />
            </>
          )}
        </Card>
      )}
    </>
  );
}
