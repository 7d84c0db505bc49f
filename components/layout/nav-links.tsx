"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { activeHref } from "./active-href";

export type NavItem = { href: string; label: string };

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = activeHref(items, pathname);
  const active = (href: string) => href === current;
  return (
    <nav aria-label="Main" className="-mx-1 flex flex-col gap-1 md:flex-row md:flex-wrap">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={active(item.href) ? "page" : undefined}
          className={cn(
            "whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium",
            active(item.href) ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
