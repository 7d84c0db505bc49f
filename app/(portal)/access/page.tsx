// "My access": every access request the signed-in user made, newest first, with its decision.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { decidableProductsFilter, listMyAccessRequests } from "@/lib/consumers/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { AccessStatusBadge } from "./status-badge";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "My access" };
const PAGE_SIZE = 20;
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function MyAccessPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  const page = parsePage((await searchParams).page);
  const { items, total } = await listMyAccessRequests(user.id, { page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="My access"
        description="Your requests for access to data products and what the owners decided. Request access from a product's page."
        actions={
          decidableProductsFilter(user) ? (
            <ButtonLink href="/access/inbox" variant="secondary">
              Pending requests for my products
            </ButtonLink>
          ) : undefined
        }
      />
      {items.length === 0 ? (
        <EmptyState>
          You have not requested access to any product yet. Find one in the{" "}
          <Link href="/catalog" className="text-brand-700 underline">
            catalog
          </Link>{" "}
          and use “Request access” on its page.
        </EmptyState>
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Purpose</Th>
                <Th>Status</Th>
                <Th>Requested</Th>
                <Th>Decision</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.id} data-testid="my-request">
                  <Td>
                    <Link href={r.product.href} className="break-all font-medium text-brand-700 hover:underline">
                      {r.product.domain}/{r.product.name}
                    </Link>
                  </Td>
                  <Td className="max-w-xs break-words">{r.purpose}</Td>
                  <Td>
                    <AccessStatusBadge status={r.status} />
                  </Td>
                  <Td className="whitespace-nowrap">{dateFmt.format(new Date(r.createdAt))}</Td>
                  <Td className="text-slate-600">
                    {r.decidedAt ? `${dateFmt.format(new Date(r.decidedAt))}${r.decidedBy ? ` by ${r.decidedBy}` : ""}` : "—"}
                    {r.decisionNote && <div className="break-words">“{r.decisionNote}”</div>}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={total} basePath="/access" params={{}} />
        </Card>
      )}
    </>
  );
}
