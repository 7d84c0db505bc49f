// Tabs as plain links (?tab=…): each is a URL of its own, works without JavaScript and can be shared.
import Link from "next/link";
import { cn } from "@/lib/cn";

export const TABS = [
  { id: "overview", label: "Details" },
  { id: "access", label: "Access" },
  { id: "lineage", label: "Lineage" },
  { id: "versions", label: "Versions" },
  { id: "history", label: "Lifecycle history" },
] as const;

export type TabId = (typeof TABS)[number]["id"];

export function parseTab(value: string | string[] | undefined): TabId {
  const v = Array.isArray(value) ? value[0] : value;
  return TABS.find((t) => t.id === v)?.id ?? "overview";
}

export function ProductTabs({ basePath, active }: { basePath: string; active: TabId }) {
  return (
    <nav aria-label="Product sections" className="-mx-4 mb-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {TABS.map((t) => (
          <li key={t.id}>
            <Link
              href={t.id === "overview" ? basePath : `${basePath}?tab=${t.id}`}
              aria-current={t.id === active ? "page" : undefined}
              scroll={false}
              className={cn(
                "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                t.id === active
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
