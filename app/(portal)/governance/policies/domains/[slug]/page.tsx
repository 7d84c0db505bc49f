// One domain's policy: governance edits it, and so do the domain's owners for whatever the global
// policy leaves open. Below the editor, the effective policy (global ⊕ domain) with every value's source.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { loadDomainPolicy } from "@/lib/governance/policies/queries.db";
import { domainPolicyDocument, serializeDomainPolicyYaml } from "@/lib/governance/policies/yaml";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { formatUtc } from "@/lib/format";
import { GovernanceTabs } from "../../../components/governance-tabs";
import { ProvenanceTable } from "../../components/provenance-table";
import { domainPolicyAction } from "./actions";
import { DomainPolicyEditor } from "./domain-policy-editor";

export const metadata: Metadata = { title: "Domain policy" };

export default async function DomainPolicyPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePageUser();
  const { slug } = await params;
  if (!can.readDomainPolicy(user, slug)) forbidden();
  const view = await loadDomainPolicy(slug);
  if (!view) notFound();
  const { domain, policy, global } = view;
  const governanceReader = can.readPolicies(user);
  const canEdit = !domain.archived && can.editDomainPolicy(user, slug, view.domainEditsAllowed);
  const documentName = policy?.name ?? `${slug}-governance`;
  const lockedPaths = Object.values(view.locks)
    .filter((l) => !l.allowed)
    .map((l) => l.path);

  return (
    <>
      {governanceReader && <GovernanceTabs />}
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        {governanceReader ? (
          <Link href="/governance/policies" className="hover:underline">
            Policies
          </Link>
        ) : (
          <Link href={`/domains/${slug}`} className="hover:underline">
            {domain.name}
          </Link>
        )}{" "}
        / {domain.name} policy
      </nav>
      <PageHeader
        title={`${domain.name} domain policy`}
        description={
          policy ? (
            <>
              Version {policy.version}
              {policy.summary.updatedBy && <> · saved by {policy.summary.updatedBy}</>} · {formatUtc(policy.summary.updatedAt)}
              {policy.summary.note && <> · “{policy.summary.note}”</>}
            </>
          ) : (
            <>
              This domain has no policy of its own yet: the global policy (version {global.version}) applies as is. Saving creates version
              1.
            </>
          )
        }
        actions={
          <>
            {policy && (
              <ButtonLink href={`/governance/policies/domains/${slug}/history`} variant="secondary">
                History
              </ButtonLink>
            )}
            <ButtonLink href={`/domains/${slug}`} variant="ghost">
              Domain page
            </ButtonLink>
          </>
        }
      />
      <div className="space-y-6">
        {domain.archived && (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
            This domain is archived; its policy can no longer change.
          </p>
        )}
        {!canEdit && !domain.archived && (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
            {view.domainEditsAllowed
              ? "Only the governance team and this domain's owners can change this policy."
              : "The global policy locks every setting, so only the governance team can change this policy."}
          </p>
        )}
        {canEdit && !governanceReader && lockedPaths.length > 0 && (
          <p className="text-sm text-slate-600">
            The global policy locks {lockedPaths.join(", ")}; those fields are read-only for domain owners.
          </p>
        )}
        <DomainPolicyEditor
          action={domainPolicyAction}
          slug={slug}
          spec={policy?.spec ?? null}
          version={policy?.version ?? 0}
          global={global.spec}
          locks={view.locks}
          canEdit={canEdit}
          yaml={serializeDomainPolicyYaml(domainPolicyDocument(policy?.spec ?? { domain: slug }, documentName))}
          documentName={documentName}
        />
        <Card
          title="Effective policy"
          actions={
            <span className="text-xs text-slate-500">
              Global version {global.version}
              {policy ? ` ⊕ ${slug} version ${policy.version}` : ""}
            </span>
          }
        >
          <p className="mb-3 text-sm text-slate-600">
            What applies to {domain.name}&apos;s products: the global policy with this domain&apos;s values merged in (quality requirements
            one entry at a time, everything else as a whole).
          </p>
          {view.provenance.length === 0 ? (
            <EmptyState>The global policy defines nothing yet.</EmptyState>
          ) : (
            <ProvenanceTable entries={view.provenance} domain={slug} />
          )}
        </Card>
      </div>
    </>
  );
}
