// The audit log for governance: every enforcement decision (allowed and denied), filterable by subject,
// resource, action, decision and time, newest first, with a CSV export of exactly what is filtered.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/log";
import { auditFilterParams, KNOWN_AUDIT_ACTIONS, parseAuditQuery, type AuditFilters } from "@/lib/audit/query";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { GovernanceTabs } from "../components/governance-tabs";

export const metadata: Metadata = { title: "Audit log" };

const toInput = (d?: Date) => (d ? d.toISOString().slice(0, 16) : "");

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await authorize(can.readAudit, { action: "view_audit", resource: "audit_events" }).catch(() => forbidden());
  const { filters, cursor, errors } = parseAuditQuery(await searchParams);
  const page = await listAuditEvents(filters, cursor);
  const params = auditFilterParams(filters);
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...params, ...extra }).toString()}`;
  const exportHref = `/api/governance/audit/export${Object.keys(params).length > 0 ? query({}) : ""}`;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only record of enforcement decisions: who tried what on which resource, the decision, why, and the policy version that decided."
        actions={
          <a
            href={exportHref}
            className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      <GovernanceTabs />
      <FilterForm filters={filters} errors={errors} />

      {page.rows.length === 0 ? (
        <EmptyState>No audit entries match these filters.</EmptyState>
      ) : (
        // A card per entry on a phone, a table from `sm` up.
        <Table className="block sm:table">
          <thead className="hidden sm:table-header-group">
            <tr>
              <Th>Time (UTC)</Th>
              <Th>Subject</Th>
              <Th>Action</Th>
              <Th>Resource</Th>
              <Th>Decision</Th>
              <Th className="min-w-64">Reason</Th>
              <Th>Policy</Th>
              <Th>Request</Th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 sm:table-row-group" data-testid="audit-rows">
            {page.rows.map((r) => (
              <tr key={r.id} data-decision={r.decision} className="block py-2 sm:table-row sm:py-0">
                <Td className="inline-block py-0.5 sm:table-cell sm:whitespace-nowrap sm:py-2">
                  <time dateTime={r.at}>{formatUtc(r.at)}</time>
                </Td>
                <Td className="block py-0.5 sm:table-cell sm:whitespace-nowrap sm:py-2">{r.subject}</Td>
                <Td className="inline-block py-0.5 sm:table-cell sm:py-2">
                  <code className="whitespace-nowrap text-xs">{r.action}</code>
                </Td>
                <Td className="inline-block py-0.5 sm:table-cell sm:py-2">
                  <span className="text-xs text-slate-500 sm:hidden">on </span>
                  <code className="break-all text-xs sm:whitespace-nowrap sm:break-normal">{r.resource}</code>
                </Td>
                <Td className="inline-block py-0.5 sm:table-cell sm:py-2">
                  <Badge tone={r.decision === "allow" ? "green" : "red"}>{r.decision}</Badge>
                </Td>
                <Td className="block py-0.5 sm:table-cell sm:py-2">{r.reason}</Td>
                <Td className="inline-block py-0.5 text-xs sm:table-cell sm:whitespace-nowrap sm:py-2">
                  {r.policyId ?? "—"}
                  {r.policyVersion !== null ? ` v${r.policyVersion}` : ""}
                </Td>
                <Td className="inline-block py-0.5 sm:table-cell sm:py-2">
                  <code className="text-xs text-slate-500" title={r.requestId ?? undefined}>
                    {r.requestId ? r.requestId.slice(0, 8) : "—"}
                  </code>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span>
          {page.rows.length} entr{page.rows.length === 1 ? "y" : "ies"} on this page, newest first
        </span>
        <span className="flex gap-2">
          {page.hasNewer && page.rows.length > 0 ? (
            <PageLink href={query({ after: page.rows[0].id })} rel="prev">
              Newer
            </PageLink>
          ) : (
            <DisabledLink>Newer</DisabledLink>
          )}
          {page.hasOlder && page.rows.length > 0 ? (
            <PageLink href={query({ before: page.rows[page.rows.length - 1].id })} rel="next">
              Older
            </PageLink>
          ) : (
            <DisabledLink>Older</DisabledLink>
          )}
        </span>
      </nav>
    </>
  );
}

const pageLink = "rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300";
function PageLink({ href, rel, children }: { href: string; rel: string; children: string }) {
  return (
    <Link className={`${pageLink} hover:bg-slate-50`} href={href} rel={rel}>
      {children}
    </Link>
  );
}
function DisabledLink({ children }: { children: string }) {
  return (
    <span aria-disabled="true" className={`${pageLink} cursor-default text-slate-500`}>
      {children}
    </span>
  );
}

function FilterForm({ filters, errors }: { filters: AuditFilters; errors: Record<string, string[]> }) {
  return (
    <form
      method="get"
      action="/governance/audit"
      className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      aria-label="Filter the audit log"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Subject" name="subject" errors={errors.subject} hint="Email, or part of it">
          <TextInput name="subject" defaultValue={filters.subject ?? ""} errors={errors.subject} maxLength={320} autoComplete="off" />
        </Field>
        <Field label="Resource" name="resource" errors={errors.resource} hint="e.g. sales/orders">
          <TextInput name="resource" defaultValue={filters.resource ?? ""} errors={errors.resource} maxLength={300} autoComplete="off" />
        </Field>
        <Field label="Action" name="action" errors={errors.action} hint="Exact action, e.g. read or lifecycle:published">
          <TextInput
            name="action"
            list="audit-actions"
            defaultValue={filters.action ?? ""}
            errors={errors.action}
            maxLength={100}
            autoComplete="off"
          />
          <datalist id="audit-actions">
            {KNOWN_AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </Field>
        <Field label="Decision" name="decision" errors={errors.decision}>
          <Select name="decision" defaultValue={filters.decision ?? ""} errors={errors.decision}>
            <option value="">Any</option>
            <option value="allow">Allow</option>
            <option value="deny">Deny</option>
          </Select>
        </Field>
        <Field label="From (UTC)" name="from" errors={errors.from}>
          <TextInput name="from" type="datetime-local" defaultValue={toInput(filters.from)} errors={errors.from} />
        </Field>
        <Field label="To (UTC)" name="to" errors={errors.to}>
          <TextInput name="to" type="datetime-local" defaultValue={toInput(filters.to)} errors={errors.to} />
        </Field>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <SubmitButton pendingText="Filtering…">Apply filters</SubmitButton>
        <ButtonLink href="/governance/audit" variant="secondary">
          Reset
        </ButtonLink>
      </div>
    </form>
  );
}
