"use client";
// The catalog's search and filter bar. It is a plain GET form (works without JavaScript); with JavaScript,
// typing updates the URL after a 250 ms pause and a changed select applies at once, so results follow along.
// The domain filter is a type-ahead picker (a mesh may have thousands of domains): it applies when a
// domain is picked or cleared, not on every keystroke.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { DomainPicker } from "./domain-picker";
import { CLASSIFICATIONS, LIFECYCLE_STATES } from "@/lib/products/types";
import type { Sort } from "@/lib/products/search-query";
import type { Facets } from "@/lib/products/search";

/** Current filter values; `sort` is "" for the default order (relevance, which is newest first without a query). */
export type FilterValues = {
  q: string;
  domain: string;
  classification: string;
  lifecycle: string;
  owner: string;
  tag: string;
  sort: Sort | "";
};

// "relevance" is the empty default: a fixed value would stick in the URL and keep ordering by date once the
// user starts typing a query.
const SORT_OPTIONS: [Sort | "", string][] = [
  ["", "Relevance"],
  ["name", "Name"],
  ["updated", "Recently updated"],
  ["domain", "Domain"],
  ["usage", "Most used"],
];
const DEBOUNCE_MS = 250;

/**
 * The form's non-empty values (with `overrides` on top) as a query string; the page number is dropped
 * because results changed.
 */
function queryFromForm(form: HTMLFormElement, overrides: Record<string, string> = {}): string {
  const values = new Map<string, string>();
  for (const [key, value] of new FormData(form)) if (typeof value === "string") values.set(key, value);
  for (const [key, value] of Object.entries(overrides)) values.set(key, value);
  const query = new URLSearchParams();
  for (const [key, value] of values) if (value.trim() !== "") query.set(key, value.trim());
  return query.toString();
}

/** "confidential (3)": the count beside a value; none while the counts are unknown. */
const withCount = (label: string, n: number | undefined) => (n === undefined ? label : `${label} (${n.toLocaleString("en")})`);

export function CatalogFilters({ values, facets }: { values: FilterValues; facets?: Facets }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [formKey, setFormKey] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // Inputs are uncontrolled so typing never waits for the server. When the URL changes by other means
  // (back button, "clear filters", a link), remount the form so it shows the new values. URLs we pushed
  // ourselves are remembered in order: when one lands, it and any older ones it superseded are forgotten.
  const urlQuery = searchParams.toString();
  const shownQuery = useRef(urlQuery);
  const ours = useRef<string[]>([]);
  useEffect(() => {
    if (urlQuery === shownQuery.current) return;
    shownQuery.current = urlQuery;
    const index = ours.current.indexOf(urlQuery);
    if (index >= 0) ours.current.splice(0, index + 1);
    else setFormKey((k) => k + 1);
  }, [urlQuery]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const apply = (form: HTMLFormElement, overrides?: Record<string, string>) => {
    if (timer.current) clearTimeout(timer.current);
    const query = queryFromForm(form, overrides);
    // Read the live URL: a debounced call may run after a newer render than the one that scheduled it.
    if (query === new URLSearchParams(window.location.search).toString()) return;
    ours.current.push(query);
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  const applySoon = (form: HTMLFormElement) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(form), DEBOUNCE_MS);
  };
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    if (e.target instanceof HTMLElement && e.target.hasAttribute("data-manual-apply")) return;
    if (e.target instanceof HTMLSelectElement) apply(e.currentTarget);
    else applySoon(e.currentTarget);
  };

  return (
    <form
      key={formKey}
      ref={formRef}
      method="get"
      action={pathname}
      role="search"
      aria-label="Search the catalog"
      onInput={onInput}
      onSubmit={(e) => {
        // With JavaScript, Enter applies at once and keeps empty filters out of the URL.
        e.preventDefault();
        apply(e.currentTarget);
      }}
      className="mb-4 space-y-3"
    >
      <div className="flex gap-2">
        <label htmlFor="catalog-q" className="sr-only">
          Search products
        </label>
        <input
          id="catalog-q"
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="Search by name, field, tag or description"
          autoComplete="off"
          className={inputClass}
        />
        <Button type="submit">Search</Button>
      </div>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 lg:grid-cols-6">
        <DomainPicker
          id="catalog-domain"
          name="domain"
          label="Domain"
          defaultValue={values.domain}
          onPick={(slug) => formRef.current && apply(formRef.current, { domain: slug })}
        />
        <FilterSelect
          name="classification"
          label="Classification"
          value={values.classification}
          options={CLASSIFICATIONS.map((c) => [c, withCount(c, facets ? (facets.classification[c] ?? 0) : undefined)])}
        />
        <FilterSelect
          name="lifecycle"
          label="Lifecycle"
          value={values.lifecycle}
          options={LIFECYCLE_STATES.map((s) => [s, withCount(s.replace("_", " "), facets ? (facets.lifecycle[s] ?? 0) : undefined)])}
        />
        <FilterSelect
          name="tag"
          label="Tag"
          value={values.tag}
          options={[
            // The chosen tag stays offered even when it is not among the most used.
            ...(values.tag && !facets?.tags.some((t) => t.tag === values.tag) ? [[values.tag, values.tag] as [string, string]] : []),
            ...(facets?.tags ?? []).map((t): [string, string] => [t.tag, withCount(t.tag, t.n)]),
          ]}
        />
        <div>
          <label htmlFor="catalog-owner" className="mb-1 block text-xs font-medium text-slate-600">
            Owner
          </label>
          <input
            id="catalog-owner"
            name="owner"
            type="text"
            defaultValue={values.owner}
            placeholder="e.g. sales-team"
            autoComplete="off"
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="catalog-sort" className="mb-1 block text-xs font-medium text-slate-600">
            Sort by
          </label>
          <select id="catalog-sort" name="sort" defaultValue={values.sort} className={inputClass}>
            {SORT_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p aria-live="polite" className="h-4 text-xs text-slate-500">
        {pending ? "Searching…" : ""}
      </p>
    </form>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  const id = `catalog-${name}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={inputClass}>
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
