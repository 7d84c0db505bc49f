// All ratings and reviews of a product, newest first.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { listReviews, ratingSummary } from "@/lib/consumers/queries";
import { productPath } from "@/lib/products/dto";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Stars } from "@/app/(portal)/products/[domain]/[product]/components/ratings-card";
import { loadProduct } from "../load-product";
import { parsePage } from "@/lib/pagination";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

const PAGE_SIZE = 20;
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
type Props = { params: Promise<{ domain: string; product: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await params;
  return signedInTitle(() => `Reviews · ${product}`);
}

export default async function ReviewsPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const page = parsePage((await searchParams).page);
  const [summary, reviews] = await Promise.all([
    ratingSummary(product.id),
    listReviews(product.id, user.id, { page, pageSize: PAGE_SIZE }),
  ]);
  const href = productPath(product);
  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Reviews" />
      <PageHeader
        title={`Reviews of ${product.name}`}
        description={summary.mean === null ? "No ratings yet." : `${summary.mean.toFixed(1)} / 5 from ${summary.count} ratings`}
      />
      <Card className="mb-4" title="Distribution">
        <ol className="space-y-1 text-sm">
          {[5, 4, 3, 2, 1].map((s) => (
            <li key={s}>
              <Stars score={s} /> <span className="tabular-nums">{summary.distribution[s - 1]}</span>
            </li>
          ))}
        </ol>
      </Card>
      {reviews.items.length === 0 ? (
        <EmptyState>No ratings yet. Rate the product from its page.</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {reviews.items.map((r, i) => (
              <li key={i} className="py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Stars score={r.score} />
                  <span className="font-medium">
                    {r.userName}
                    {r.mine ? " (you)" : ""}
                  </span>
                  <span className="text-slate-500">{dateFmt.format(new Date(r.updatedAt))}</span>
                </div>
                {r.review && <p className="mt-1 break-words text-slate-700">{r.review}</p>}
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} total={reviews.total} basePath={`${href}/reviews`} params={{}} />
        </Card>
      )}
    </>
  );
}
