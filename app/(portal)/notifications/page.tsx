// The notification centre: the user's notifications, newest first, paginated; unread ones can be marked
// read one by one or all at once. Each leads to the page where the user acts on it.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listNotifications } from "@/lib/notifications/queries";
import { parsePage } from "@/lib/pagination";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { MarkAllReadForm, MarkReadForm } from "./notification-forms";

export const metadata: Metadata = { title: "Notifications" };
const PAGE_SIZE = 20;
const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string; show?: string }> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  const page = parsePage(params.page);
  const unreadOnly = params.show === "unread";
  const result = await listNotifications(user.id, { page, pageSize: PAGE_SIZE, unreadOnly });
  const tab = (show: string | undefined, label: string) => (
    <Link
      href={show ? `/notifications?show=${show}` : "/notifications"}
      aria-current={(show === "unread") === unreadOnly ? "page" : undefined}
      className="rounded-md px-2.5 py-1 text-sm ring-1 ring-slate-300 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            {result.unread === 0 ? "Nothing unread." : `${result.unread} unread.`}{" "}
            <Link href="/notifications/preferences" className="underline">
              Choose what you hear about
            </Link>
            {can.openWebhooks(user) && (
              <>
                {" · "}
                <Link href="/webhooks" className="underline">
                  Webhooks
                </Link>
              </>
            )}
          </>
        }
        actions={result.unread > 0 ? <MarkAllReadForm /> : undefined}
      />
      <Card>
        <div className="mb-3 flex gap-2">
          {tab(undefined, "All")}
          {tab("unread", "Unread")}
        </div>
        {result.items.length === 0 ? (
          <EmptyState>{unreadOnly ? "No unread notifications." : "No notifications yet."}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Notifications">
            {result.items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="notification">
                <div className="min-w-0 flex-1">
                  <p className={n.read ? "text-slate-700" : "font-medium text-slate-900"}>
                    {!n.read && (
                      <Badge tone="blue" className="mr-2">
                        new
                      </Badge>
                    )}
                    <Link href={n.link} className="break-words underline-offset-2 hover:underline">
                      {n.title}
                    </Link>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {n.type} · {fmt.format(new Date(n.createdAt))} UTC
                  </p>
                </div>
                {!n.read && <MarkReadForm id={n.id} title={n.title} />}
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={result.total}
          basePath="/notifications"
          params={{ show: unreadOnly ? "unread" : undefined }}
        />
      </Card>
    </>
  );
}
