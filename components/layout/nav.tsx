// The portal's navigation: every page a user may open is reachable from here.
import Link from "next/link";
import { Bell } from "lucide-react";
import { can, ROLE_LABELS, type Principal } from "@/lib/auth/permissions";
import { NavLinks, type NavItem } from "@/components/layout/nav-links";
import { MenuToggle } from "@/components/layout/menu-toggle";
import { AccountMenu } from "@/components/layout/account-menu";

export function navItems(user: Principal): NavItem[] {
  const items: NavItem[] = [
    { href: "/", label: "Home" },
    { href: "/catalog", label: "Catalog" },
    { href: "/domains", label: "Domains" },
  ];
  const producer =
    user.roles.includes("data_admin") || (user.roles.includes("data_producer") && Object.values(user.domains).some((r) => r !== "viewer"));
  // Import is one click further, from the registration page.
  if (producer) items.push({ href: "/products/new", label: "Register product" });
  items.push({ href: "/access", label: "My access" });
  // Governance takes the second step of restricted requests there.
  if (user.roles.includes("data_admin") || user.roles.includes("data_producer") || user.roles.includes("governance"))
    items.push({ href: "/access/inbox", label: "Requests" });
  if (can.editPolicies(user) || can.readAudit(user)) items.push({ href: "/governance", label: "Governance" });
  if (can.readMetrics(user)) items.push({ href: "/metrics", label: "Metrics" });
  if (can.managePlatform(user)) items.push({ href: "/platform", label: "Platform" });
  return items;
}

type FormAction = (formData: FormData) => void | Promise<void>;

/** The sign-out actions come from the route (components/ import nothing from app/). */
/** The notification centre's link with its unread badge (in the menu on phones, where the Menu button shows the count too). */
function NotificationsLink({ unread }: { unread: number }) {
  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-50"
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
    >
      <Bell aria-hidden="true" className="size-4" />
      Notifications
      {unread > 0 && (
        <span data-testid="unread-badge" className="rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold leading-none text-white">
          {shown}
        </span>
      )}
    </Link>
  );
}

export function Nav({
  user,
  signOut,
  signOutEverywhere,
  unread = 0,
}: {
  user: Principal & { name: string };
  signOut: FormAction;
  signOutEverywhere: FormAction;
  /** Unread notifications: the badge beside "Notifications". */
  unread?: number;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Meshport
        </Link>
        <MenuToggle unread={unread}>
          <NavLinks items={navItems(user)} />
          <div className="flex flex-wrap items-center gap-2 text-sm md:ml-auto md:flex-nowrap">
            <NotificationsLink unread={unread} />
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
                Sign out
              </button>
            </form>
            <AccountMenu name={user.name} roles={user.roles.map((r) => ROLE_LABELS[r]).join(", ")}>
              <Link href="/tokens" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-50">
                API tokens
              </Link>
              {can.openWebhooks(user) && (
                <Link href="/webhooks" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-50">
                  Webhooks
                </Link>
              )}
              <Link href="/developers/api" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-50">
                API reference
              </Link>
              <form action={signOutEverywhere} className="border-t border-slate-100 pt-1">
                <button
                  type="submit"
                  className="w-full rounded-md px-2 py-1 text-left text-slate-700 hover:bg-slate-50"
                  title="Ends your sessions in every browser and device"
                >
                  Sign out everywhere
                </button>
              </form>
            </AccountMenu>
          </div>
        </MenuToggle>
      </div>
    </header>
  );
}
