// Sub-navigation of the platform area.
import Link from "next/link";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/platform", label: "Overview" },
  { href: "/platform/templates", label: "Product templates" },
  { href: "/platform/processing", label: "Processing templates" },
  { href: "/platform/config", label: "Configuration" },
  { href: "/platform/capabilities", label: "Capabilities" },
] as const;

export function PlatformTabs({ active, admin = true }: { active: (typeof TABS)[number]["href"]; admin?: boolean }) {
  const tabs = admin ? TABS : TABS.filter((t) => t.href === "/platform/capabilities");
  return (
    <nav aria-label="Platform" className="-mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 pb-px">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === active ? "page" : undefined}
          className={cn("whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", t.href === active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
