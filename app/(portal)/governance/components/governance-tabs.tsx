"use client";
// Sub-navigation shared by the governance screens (overview, policies, audit log). A client component
// only to read the current path; every tab is a plain link.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

export const GOVERNANCE_TABS = [
  { href: "/governance", label: "Overview" },
  { href: "/governance/policies", label: "Policies" },
  { href: "/governance/audit", label: "Audit log" },
] as const;

/** The overview is active only on /governance itself; the others also on their sub-pages. */
export function isActiveTab(href: string, pathname: string): boolean {
  if (href === "/governance") return pathname === "/governance";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function GovernanceTabs() {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Governance sections" className="-mx-4 mb-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {GOVERNANCE_TABS.map((t) => {
          const active = isActiveTab(t.href, pathname);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
