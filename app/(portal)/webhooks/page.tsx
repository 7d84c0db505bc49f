// Webhook subscriptions of the domains the user owns (every one for data admins, who also create
// mesh-wide ones): signed HTTP callbacks per event type, each with a delivery log.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser, authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listWebhookSubscriptions } from "@/lib/notifications/queries";
import { EVENT_LABELS, EVENT_TYPES, retrySchedule } from "@/lib/notifications";
import { listDomainOptions } from "@/lib/domains/service";
import { parsePage } from "@/lib/pagination";
import { describeDelay } from "./describe-delay";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateWebhookForm } from "./webhook-forms";

export const metadata: Metadata = { title: "Webhooks" };
const PAGE_SIZE = 20;

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePageUser();
  const user = await authorize(can.openWebhooks, { action: "webhook:list", resource: "webhooks" }).catch(() => forbidden());
  const page = parsePage((await searchParams).page);
  const { items, total } = await listWebhookSubscriptions(user, { page, pageSize: PAGE_SIZE });
  const admin = user.roles.includes("data_admin");
  const owned = Object.entries(user.domains)
    .filter(([, r]) => r === "owner")
    .map(([d]) => d);
  const domains = admin ? (await listDomainOptions("all")).map((d) => d.slug) : owned;
  const scopes = [
    ...(admin ? [{ value: "mesh", label: "The whole mesh (every domain)" }] : []),
    ...domains.map((d) => ({ value: d, label: `Domain ${d}` })),
  ];
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Meshport POSTs each event as JSON signed in the{" "}
            <a href="https://www.standardwebhooks.com/" className="underline">
              Standard Webhooks
            </a>{" "}
            format (headers <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>). A failed delivery is
            tried again after {retrySchedule().map(describeDelay).join(", ")}.
          </>
        }
      />
      <div className="space-y-6">
        <Card title="New webhook">
          <CreateWebhookForm scopes={scopes} eventTypes={EVENT_TYPES.map((t) => ({ value: t, label: EVENT_LABELS[t] }))} />
        </Card>
        <Card title="Subscriptions">
          {items.length === 0 ? (
            <EmptyState>No webhooks yet.</EmptyState>
          ) : (
            <Table stacked>
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th>Scope</Th>
                  <Th>Events</Th>
                  <Th>Deliveries</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <Td label="Endpoint">
                      <Link href={`/webhooks/${s.id}`} className="break-all font-medium underline">
                        {s.url}
                      </Link>
                      {s.description && <span className="block text-xs text-slate-500">{s.description}</span>}
                    </Td>
                    <Td label="Scope">{s.domain ?? "whole mesh"}</Td>
                    <Td label="Events">{s.eventTypes.join(", ")}</Td>
                    <Td label="Deliveries">
                      <Badge tone="green">{s.delivered} delivered</Badge> {s.failing > 0 && <Badge tone="red">{s.failing} failed</Badge>}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/webhooks" params={{}} />
        </Card>
      </div>
    </>
  );
}
