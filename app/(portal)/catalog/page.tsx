// The catalog: full-text search with filters, sort and pages, all held in the URL so results can be shared.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { searchCatalog } from "@/lib/products/catalog-cache";
import { parseSearchParams } from "@/lib/products/search-query";
import { PageHeader, EmptyState } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { CatalogFilters } from "./components/catalog-filters";
import { ResultList } from "./components/result-list";

export const metadata: Metadata = { title: "Catalog" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  // Page size is fixed here; the API lets machines choose theirs.
  const query = { ...parseSearchParams(await searchParams), pageSize: 20 };
  const result = await searchCatalog(query, { facets: true });

  const filtered = Boolean(query.q || query.domain || query.classification || query.lifecycle || query.owner || query.tag);
  // What the pager keeps in its links: the parsed values, so junk parameters are not carried along.
  const params = {
    q: query.q,
    domain: query.domain,
    classification: query.classification,
    lifecycle: query.lifecycle,
    owner: query.owner,
    tag: query.tag,
    sort: query.sort,
  };

  return (
    <>
      <PageHeader title="Catalog" description="Find data products across every domain." />
      <CatalogFilters
        values={{
          q: query.q ?? "",
          domain: query.domain ?? "",
          classification: query.classification ?? "",
          lifecycle: query.lifecycle ?? "",
          owner: query.owner ?? "",
          tag: query.tag ?? "",
          sort: query.sort === "relevance" ? "" : (query.sort ?? ""),
        }}
        facets={result.facets}
      />
      <p className="mb-2 text-sm text-slate-600" aria-live="polite" data-testid="catalog-total">
        {countText(result.total, filtered, result.totalIsCapped)}
      </p>
      {result.items.length > 0 ? (
        <>
          <ResultList items={result.items} q={query.q} />
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} basePath="/catalog" params={params} />
        </>
      ) : (
        <EmptyState>
          {result.total > 0 ? (
            <>
              This page is past the last result.{" "}
              <Link className="text-brand-700 underline" href="/catalog">
                Back to the first page
              </Link>
              .
            </>
          ) : filtered ? (
            <>
              No data product matches.{" "}
              {result.suggestion && (
                <span data-testid="did-you-mean">
                  Did you mean{" "}
                  <Link
                    className="font-medium text-brand-700 underline"
                    href={`/catalog?${new URLSearchParams({ ...definedParams(params), q: result.suggestion }).toString()}`}
                  >
                    {result.suggestion}
                  </Link>
                  ?{" "}
                </span>
              )}
              Try other words or{" "}
              <Link className="font-medium text-brand-700 underline" href="/catalog">
                clear the filters
              </Link>
              .
            </>
          ) : (
            <>The catalog is empty so far. Registered data products will appear here.</>
          )}
        </EmptyState>
      )}
    </>
  );
}

function definedParams(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

function countText(total: number, filtered: boolean, capped: boolean): string {
  const shown = capped ? `${total.toLocaleString("en")}+` : total.toLocaleString("en");
  const noun = total === 1 && !capped ? "product" : "products";
  if (!filtered) return `${shown} ${noun}`;
  return `${shown} ${noun} ${total === 1 && !capped ? "matches" : "match"}`;
}
