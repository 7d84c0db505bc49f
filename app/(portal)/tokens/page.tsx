// API tokens: the user's personal tokens and the service accounts of the domains they own, with scopes,
// expiry and last use; create (shown once) and revoke. Tokens authenticate the REST API and the CLI.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/current-user";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateTokenForm, RevokeTokenForm } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };
const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${fmt.format(new Date(iso))} UTC` : "never");

export default async function TokensPage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(user);
  const serviceDomains = user.roles.includes("data_producer")
    ? Object.entries(user.domains)
        .filter(([, r]) => r === "owner")
        .map(([d]) => d)
    : [];
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let programs and the <code>meshport</code> CLI use the{" "}
            <Link href="/developers/api" className="underline">
              REST API
            </Link>{" "}
            as you, or as a service account of a domain you own. Only a hash is stored: copy a new token when it is shown.
          </>
        }
      />
      <div className="space-y-6">
        <Card title="New token">
          <CreateTokenForm serviceDomains={serviceDomains} />
        </Card>
        <Card title="Your tokens">
          {tokens.length === 0 ? (
            <EmptyState>No tokens yet.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Token</Th>
                  <Th>Kind</Th>
                  <Th>Scopes</Th>
                  <Th>Expires</Th>
                  <Th>Last used</Th>
                  <Th>Status</Th>
                  <Th />
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => {
                  const state = t.state;
                  return (
                    <tr key={t.id}>
                      <Td>{t.name}</Td>
                      <Td className="font-mono">{t.prefix}…</Td>
                      <Td>{t.kind === "service" ? `service account (${t.domain})` : "personal"}</Td>
                      <Td>
                        {t.scopes.join(", ")}
                        {t.domains.length > 0 && <span className="text-slate-500"> · {t.domains.join(", ")}</span>}
                      </Td>
                      <Td>{when(t.expiresAt)}</Td>
                      <Td>{when(t.lastUsedAt)}</Td>
                      <Td>
                        <Badge tone={state === "active" ? "green" : "gray"}>{state}</Badge>
                      </Td>
                      <Td>{state === "active" && <RevokeTokenForm tokenId={t.id} />}</Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
