"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/metrics", label: "Mesh dashboard" },
  { href: "/metrics/rollout", label: "Rollout" },
  { href: "/metrics/cost-model", label: "Cost model" },
];

export function MetricsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Metrics sections" className="no-print -mt-2 mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((t) => {
        const active = t.href === "/metrics" ? pathname === "/metrics" || pathname.startsWith("/metrics/domains") : pathname.startsWith(t.href);
        return (
          <Link key={t.href} href={t.href} aria-current={active ? "page" : undefined} className={cn("whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
