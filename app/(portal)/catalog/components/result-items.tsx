"use client";
// The catalog's result rows, rendered from compact props (result-list.tsx prepares them on the server). A client
// component on purpose: the page's RSC payload then carries each result's data once (≈ 0.4 KB) instead of its
// whole element tree, which the server would otherwise serialise, parse back for the HTML and inline again.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, ClassificationBadge, LifecycleBadge } from "@/components/ui/badge";

export type ResultItem = {
  id: string;
  href: string;
  name: string;
  domain: string;
  version: string;
  classification: string;
  lifecycle: string;
  sunsetOn: string | null;
  description: string;
  /** Why it matched beyond its name: "field customer_email" (at most 4), and whether the description matched; none without a query. */
  reasons: { where: string; text: string }[];
  inDescription: boolean;
  owner: string;
  updatedAt: string;
  /** Formatted on the server, so the browser's time zone cannot make the hydrated text differ. */
  updatedLabel: string;
  reads: string;
  tags: string[];
};

function WhyMatched({ p }: { p: ResultItem }) {
  if (p.reasons.length === 0 && !p.inDescription) return null;
  // One text run before each match and none wrapped: the fewest nodes for a line every result shows.
  const parts: ReactNode[] = [];
  p.reasons.forEach((r, i) => {
    parts.push(`${i === 0 ? "Matched " : ", "}${r.where} `);
    parts.push(
      <mark key={i} className="rounded bg-amber-100 px-0.5 font-mono text-slate-900">
        {r.text}
      </mark>,
    );
  });
  if (p.inDescription) parts.push(`${p.reasons.length > 0 ? " and the" : "Matched the"} description`);
  return (
    <p className="mt-1 text-xs text-slate-600" data-testid="match-reasons">
      {parts}
    </p>
  );
}

export function ResultItems({ items }: { items: ResultItem[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="catalog-results">
      {items.map((p) => (
        <li key={p.id} className="p-4">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <Link href={p.href} className="break-all font-semibold text-brand-700 hover:underline">
              {p.name}
            </Link>
            <span className="text-sm text-slate-500">{`${p.domain} · v${p.version}`}</span>
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
          <WhyMatched p={p} />
          <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
            <span className="break-all">{`Owner: ${p.owner}`}</span>
            <span>
              Updated <time dateTime={p.updatedAt}>{p.updatedLabel}</time>
            </span>
            <span data-testid="result-reads">{p.reads}</span>
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
