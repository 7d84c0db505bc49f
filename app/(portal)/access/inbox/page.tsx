// "Pending requests": the access requests on products this user owns (data admins: all), oldest first,
// with approve / deny; granted access can be revoked from the "granted" tab.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { decidableProductsFilter, INBOX_STATUSES, listAccessInbox, type InboxStatus } from "@/lib/consumers/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { AccessStatusBadge } from "../status-badge";
import { DecideForm, RevokeForm } from "./decision-forms";
import { parsePage } from "@/lib/pagination";
import { plural } from "@/lib/format";

export const metadata: Metadata = { title: "Access requests" };
const PAGE_SIZE = 20;
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const TAB_LABEL: Record<InboxStatus, string> = { pending: "Pending", approved: "Granted", denied: "Denied", revoked: "Revoked" };
// The heading names the tab shown, so a user who lands on "Granted" is not told these are pending.
const TAB_HEADING: Record<InboxStatus, string> = {
  pending: "Pending requests",
  approved: "Granted access",
  denied: "Denied requests",
  revoked: "Revoked access",
};

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const user = await requirePageUser();
  if (!decidableProductsFilter(user)) forbidden();
  const sp = await searchParams;
  const status: InboxStatus = (INBOX_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as InboxStatus) : "pending";
  const page = parsePage(sp.page);
  const { items, total, pending } = await listAccessInbox(user, { status, page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title={TAB_HEADING[status]}
        description={`Access requests for the products you own. ${plural(pending, "request")} waiting for a decision.`}
      />
      <nav aria-label="Request status" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200">
        {INBOX_STATUSES.map((s) => (
          <Link
            key={s}
            href={`/access/inbox?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              s === status ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {TAB_LABEL[s]}
            {s === "pending" ? ` (${pending})` : ""}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState>No {TAB_LABEL[status].toLowerCase()} requests.</EmptyState>
      ) : (
        <Card>
          <Table stacked>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Requester</Th>
                <Th>Purpose</Th>
                <Th>Requested</Th>
                <Th>{status === "pending" ? "Decide" : "Status"}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.id} data-testid="inbox-request">
                  <Td label="Product">
                    <Link href={r.product.href} className="break-all font-medium text-brand-700 hover:underline">
                      {r.product.domain}/{r.product.name}
                    </Link>
                  </Td>
                  <Td label="Requester">
                    {r.requester ? (
                      <>
                        <div>{r.requester.name}</div>
                        <div className="break-all text-xs text-slate-500">{r.requester.email}</div>
                      </>
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td label="Purpose" className="break-words md:max-w-xs">
                    {r.purpose}
                  </Td>
                  <Td label="Requested" className="whitespace-nowrap">
                    {dateFmt.format(new Date(r.createdAt))}
                  </Td>
                  <Td label={status === "pending" ? "Decide" : "Status"} className="md:min-w-48">
                    {status === "pending" ? (
                      <DecideForm requestId={r.id} productHref={r.product.href} />
                    ) : (
                      <div className="space-y-1">
                        <AccessStatusBadge status={r.status} />
                        {r.decidedBy && <div className="text-xs text-slate-500">by {r.decidedBy}</div>}
                        {r.decisionNote && (
                          <div className="break-words text-xs text-slate-600" data-testid="decision-note">
                            “{r.decisionNote}”
                          </div>
                        )}
                        {status === "approved" && (
                          <RevokeForm
                            requestId={r.id}
                            productHref={r.product.href}
                            product={`${r.product.domain}/${r.product.name}`}
                            requester={r.requester?.email ?? "The requester"}
                          />
                        )}
                      </div>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/access/inbox" params={{ status }} />
        </Card>
      )}
    </>
  );
}
