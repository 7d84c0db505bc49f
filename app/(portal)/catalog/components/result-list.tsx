// One catalog result per row: enough to pick a product without opening it.
import Link from "next/link";
import { Badge, ClassificationBadge, LifecycleBadge } from "@/components/ui/badge";
import { productPath } from "@/lib/products/dto";
import type { SearchHit } from "@/lib/products/search";
import { matchReasons, type MatchReason } from "@/lib/products/search-query";
import { plural } from "@/lib/format";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

const WHERE: Record<MatchReason["where"], string> = {
  name: "name",
  tag: "tag",
  field: "field",
  owner: "owner",
  description: "description",
};

/** "Matched field customer_email": the reasons beyond the name (the name is in plain sight). */
function WhyMatched({ q, p }: { q: string; p: SearchHit }) {
  const reasons = matchReasons(q, p).filter((r) => r.where !== "name" && r.where !== "description");
  const inDescription = matchReasons(q, p).some((r) => r.where === "description");
  if (reasons.length === 0 && !inDescription) return null;
  return (
    <p className="mt-1 text-xs text-slate-600" data-testid="match-reasons">
      Matched{" "}
      {reasons.slice(0, 4).map((r, i) => (
        <span key={`${r.where}-${r.text}`}>
          {i > 0 ? ", " : ""}
          {WHERE[r.where]} <mark className="rounded bg-amber-100 px-0.5 font-mono text-slate-900">{r.text}</mark>
        </span>
      ))}
      {inDescription ? `${reasons.length > 0 ? " and the " : " the "}description` : ""}
    </p>
  );
}

export function ResultList({ items, q = "" }: { items: SearchHit[]; q?: string }) {
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
          {q && <WhyMatched q={q} p={p} />}
          <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
            <span className="break-all">Owner: {p.owner}</span>
            <span>
              Updated <time dateTime={p.updatedAt}>{dateFormat.format(new Date(p.updatedAt))}</time>
            </span>
            <span data-testid="result-reads">{p.reads30d === 0 ? "Not read in 30 days" : `${plural(p.reads30d, "read")} in 30 days`}</span>
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
