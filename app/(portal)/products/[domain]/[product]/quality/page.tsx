// A product's quality runs, newest first: score and its three dimensions.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { listQualityRuns } from "@/lib/quality/record-quality-run";
import { productPath } from "@/lib/products/dto";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { loadProduct } from "../load-product";
import { parsePage } from "@/lib/pagination";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

const PAGE_SIZE = 25;
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
type Props = { params: Promise<{ domain: string; product: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await params;
  return signedInTitle(() => `Quality · ${product}`);
}

export default async function QualityPage({ params, searchParams }: Props) {
  await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const page = parsePage((await searchParams).page);
  const runs = await listQualityRuns(product.id, { page, pageSize: PAGE_SIZE });
  const href = productPath(product);
  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Quality" />
      <PageHeader
        title={`Quality of ${product.name}`}
        description="Score = mean of completeness, accuracy and consistency. The compliance monitor measures every dataset's table hourly, each with its own contract quality rules; on-demand checks measure the provisioned tables (several datasets: pooled over all their cells and fields): completeness = non-NULL cells of the spec's fields; accuracy = text cells not blank and numbers finite; consistency = spec fields present in the table with the expected type."
      />
      {runs.items.length === 0 ? (
        <EmptyState>No quality runs yet.</EmptyState>
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>When</Th>
                <Th className="text-right">Score</Th>
                <Th className="text-right">Completeness</Th>
                <Th className="text-right">Accuracy</Th>
                <Th className="text-right">Consistency</Th>
                <Th className="text-right">Rows checked</Th>
                <Th className="text-right">Contract rules passed</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.items.map((r) => (
                <tr key={r.id}>
                  <Td className="whitespace-nowrap">{dateFmt.format(new Date(r.at))}</Td>
                  <Td className="text-right font-medium tabular-nums">{r.score.toFixed(1)}</Td>
                  <Td className="text-right tabular-nums">{r.metrics.completeness.toFixed(1)} %</Td>
                  <Td className="text-right tabular-nums">{r.metrics.accuracy.toFixed(1)} %</Td>
                  <Td className="text-right tabular-nums">{r.metrics.consistency.toFixed(1)} %</Td>
                  <Td className="text-right tabular-nums">{r.rowsChecked.toLocaleString("en")}</Td>
                  <Td className="text-right tabular-nums">{r.rules ? `${r.rules.passed} of ${r.rules.total}` : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={runs.total} basePath={`${href}/quality`} params={{}} />
        </Card>
      )}
    </>
  );
}
