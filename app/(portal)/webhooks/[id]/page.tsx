// One webhook subscription: what it receives and its delivery log (newest first, paginated), with
// redelivery of any event and deleting the subscription.
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { webhookDeliveryLog } from "@/lib/notifications/queries";
import { parsePage } from "@/lib/pagination";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { DeleteWebhookForm, RedeliverForm } from "../webhook-forms";

const PAGE_SIZE = 25;
const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${fmt.format(new Date(iso))} UTC` : "—");
const tone = { succeeded: "green", failed: "red", pending: "amber" } as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

export const metadata: Metadata = { title: "Webhook deliveries" };

async function load(user: Awaited<ReturnType<typeof requirePageUser>>, id: string, page: number) {
  try {
    return await webhookDeliveryLog(user, id, { page, pageSize: PAGE_SIZE });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
}

export default async function WebhookPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { id } = await params;
  const page = parsePage((await searchParams).page);
  const { subscription: s, deliveries, total } = await load(user, id, page);
  return (
    <>
      <Breadcrumb items={[{ href: "/webhooks", label: "Webhooks" }, { label: "Deliveries" }]} />
      <PageHeader
        title="Webhook deliveries"
        description={
          <>
            <span className="break-all font-mono">{s.url}</span> · {s.domain ? `domain ${s.domain}` : "whole mesh"} ·{" "}
            {s.eventTypes.join(", ")}
          </>
        }
        actions={<DeleteWebhookForm id={s.id} />}
      />
      <Card title="Delivery log">
        {deliveries.length === 0 ? (
          <EmptyState>No event has been sent to this endpoint yet.</EmptyState>
        ) : (
          <Table stacked>
            <thead>
              <tr>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th>Attempts</Th>
                <Th>Last answer</Th>
                <Th>Last attempt</Th>
                <Th>Next attempt</Th>
                <Th />
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <Td label="Event">
                    <span className="block">{d.eventTitle}</span>
                    <span className="text-xs text-slate-500">{d.eventType}</span>
                  </Td>
                  <Td label="Status">
                    <Badge tone={tone[d.status as keyof typeof tone] ?? "gray"}>{d.status}</Badge>
                  </Td>
                  <Td label="Attempts">{d.attempts}</Td>
                  <Td label="Last answer">{d.lastStatus ?? d.lastError ?? "—"}</Td>
                  <Td label="Last attempt">{when(d.lastAttemptAt)}</Td>
                  <Td label="Next attempt">{when(d.nextAttemptAt)}</Td>
                  <Td>{d.status !== "pending" && <RedeliverForm subscriptionId={s.id} deliveryId={d.id} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath={`/webhooks/${s.id}`} params={{}} />
      </Card>
    </>
  );
}
