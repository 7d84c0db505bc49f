"use client";
// Sub-navigation of an area (governance, metrics, platform): plain links, the most specific match for the
// current path marked as the current page. A client component only to read the path.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { activeHref } from "@/components/layout/active-href";

export type SectionTab = { href: string; label: string };

export function SectionTabs({ label, tabs, className }: { label: string; tabs: readonly SectionTab[]; className?: string }) {
  const current = activeHref(tabs, usePathname() ?? "");
  return (
    <nav aria-label={label} className={cn("-mx-4 mb-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0", className)}>
      <ul className="flex gap-1">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={cn(
                "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                t.href === current
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
