"use client";
// Request access to a product with a purpose, or see where your request stands.
import Link from "next/link";
import { useActionState } from "react";
import { requestAccessAction } from "@/app/(portal)/access/actions";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Field, FormMessage, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ProductAccessState } from "@/lib/consumers/queries";
import { AccessVerdictLine } from "./access-verdict";
import type { AccessVerdict } from "@/lib/consumers/access-path";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function RequestAccessCard({
  productId,
  productHref,
  domainName,
  member,
  verdict,
  classification,
  canRequest,
  published,
  latest,
  pendingForOwner,
  liveGrantsForOwner,
}: {
  productId: string;
  productHref: string;
  domainName: string;
  member: boolean;
  verdict: AccessVerdict;
  classification: string;
  /** A request can change something (the policy grants this level to the user's roles on approval). */
  canRequest: boolean;
  published: boolean;
  latest: ProductAccessState["latest"];
  pendingForOwner: number | null;
  liveGrantsForOwner?: number | null;
}) {
  const [state, action] = useActionState(requestAccessAction, null);
  // A pending request, or a grant that still runs: asking again would change nothing.
  const open = latest && (latest.status === "pending" || (latest.status === "approved" && verdict.kind === "granted"));
  return (
    <Card title="Access" className="h-full">
      <div className="space-y-3 text-sm" data-testid="access-card">
        {pendingForOwner !== null && (
          <p>
            <Link href="/access/inbox" className="font-medium text-brand-700 hover:underline">
              Pending requests: {pendingForOwner}
            </Link>
            <span className="text-slate-500"> for this product</span>
          </p>
        )}
        {liveGrantsForOwner !== null && liveGrantsForOwner !== undefined && (
          <p data-testid="live-grants">
            <Link href="/access/inbox?status=approved" className="font-medium text-brand-700 hover:underline">
              Live access grants: {liveGrantsForOwner}
            </Link>
            <span className="text-slate-500"> (review or revoke)</span>
          </p>
        )}
        <AccessVerdictLine verdict={verdict} domainName={domainName} classification={classification} />
        {member || verdict.kind === "read" ? null : latest ? (
          <p className="flex flex-wrap items-center gap-2" data-testid="access-status">
            Your request:{" "}
            <Badge tone={latest.status === "approved" ? "green" : latest.status === "pending" ? "amber" : "red"}>
              {latest.status === "approved" ? "granted" : latest.status}
            </Badge>
            {latest.waitingFor && <span className="text-slate-500">waiting for {latest.waitingFor}</span>}
            <span className="text-slate-500">{dateFmt.format(new Date(latest.decidedAt ?? latest.createdAt))}</span>
            {latest.decisionNote && <span className="w-full text-slate-600">“{latest.decisionNote}”</span>}
          </p>
        ) : null}
        {!member &&
          canRequest &&
          !open &&
          (published ? (
            <form action={action} className="space-y-2">
              <input type="hidden" name="productId" value={productId} />
              <input type="hidden" name="productHref" value={productHref} />
              <Field label="What do you need the data for?" name="purpose" errors={state?.errors?.purpose}>
                <TextArea
                  name="purpose"
                  rows={3}
                  required
                  minLength={10}
                  maxLength={1000}
                  errors={state?.errors?.purpose}
                  placeholder="e.g. Weekly churn report for the retention team"
                />
              </Field>
              <FormMessage state={state} />
              <SubmitButton pendingText="Sending…">Request access</SubmitButton>
            </form>
          ) : (
            <p className="text-slate-600">Access requests open once the product is published.</p>
          ))}
        {state?.ok && open && <FormMessage state={state} />}
        {!member && verdict.kind !== "read" && (
          <p>
            <Link href="/access" className="text-brand-700 hover:underline">
              {verdict.kind === "granted" ? "My access (SQL credentials)" : "My access requests"}
            </Link>
          </p>
        )}
      </div>
    </Card>
  );
}
