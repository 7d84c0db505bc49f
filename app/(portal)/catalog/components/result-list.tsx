// One catalog result per row: enough to pick a product without opening it.
import Link from "next/link";
import { Badge, ClassificationBadge, LifecycleBadge } from "@/components/ui/badge";
import { productPath, type ProductSummary } from "@/lib/products/dto";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function ResultList({ items }: { items: ProductSummary[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="catalog-results">
      {items.map((p) => (
        <li key={p.id} className="p-4">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <Link href={productPath(p)} className="break-all font-semibold text-brand-700 hover:underline">
              {p.name}
            </Link>
            <span className="text-sm text-slate-500">
              {p.domain} · v{p.version}
            </span>
            <span className="flex flex-wrap gap-1 sm:ml-auto">
              <ClassificationBadge value={p.classification} />
              <LifecycleBadge value={p.lifecycle} />
            </span>
            {p.lifecycle === "deprecated" && p.sunsetOn && (
              <span className="w-full text-sm font-medium text-red-700">
                Sunset on <time dateTime={p.sunsetOn}>{p.sunsetOn}</time>
              </span>
            )}
          </div>
          <p className="mt-1 line-clamp-2 text-sm text-slate-700">{p.description}</p>
          <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
            <span className="break-all">Owner: {p.owner}</span>
            <span>
              Updated <time dateTime={p.updatedAt}>{dateFormat.format(new Date(p.updatedAt))}</time>
            </span>
            {p.tags.length > 0 && (
              <span className="flex flex-wrap gap-1" aria-label="Tags">
                {p.tags.map((t) => (
                  <Badge key={t}>{t}</Badge>
                ))}
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
