// The global DataGovernancePolicy: governance edits it section by section or as YAML; data admins may
// read it. Every save is a new version with a note, previewed for impact first.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { loadGlobalPolicy } from "@/lib/governance/policies/queries.db";
import { serializeGlobalPolicyYaml } from "@/lib/governance/policies/yaml";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { formatUtc } from "@/lib/format";
import { GovernanceTabs } from "../../components/governance-tabs";
import { globalPolicyAction } from "./actions";
import { GlobalPolicyEditor } from "./global-policy-editor";
import { GLOBAL_TABS, type GlobalTab } from "./tabs";

export const metadata: Metadata = { title: "Global policy" };

export default async function GlobalPolicyPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const user = await requirePageUser();
  if (!can.readPolicies(user)) forbidden();
  const policy = await loadGlobalPolicy();
  const { tab } = await searchParams;
  const requested = Array.isArray(tab) ? tab[0] : tab;
  const initialTab: GlobalTab = GLOBAL_TABS.find((t) => t.id === requested)?.id ?? "classification";

  return (
    <>
      <GovernanceTabs />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/governance/policies" className="hover:underline">
          Policies
        </Link>{" "}
        / Global
      </nav>
      {!policy ? (
        <>
          <PageHeader title="Global policy" />
          <EmptyState>
            There is no global policy yet. Seed the database (npm run db:seed) to load the data mesh&apos;s default policy.
          </EmptyState>
        </>
      ) : (
        <>
          <PageHeader
            title="Global data governance policy"
            description={
              <>
                Version {policy.version}
                {policy.summary.updatedBy && <> · saved by {policy.summary.updatedBy}</>} · {formatUtc(policy.summary.updatedAt)}
                {policy.summary.note && <> · “{policy.summary.note}”</>}
              </>
            }
            actions={
              <ButtonLink href="/governance/policies/global/history" variant="secondary">
                History
              </ButtonLink>
            }
          />
          <GlobalPolicyEditor
            action={globalPolicyAction}
            spec={policy.spec}
            version={policy.version}
            yaml={serializeGlobalPolicyYaml({
              apiVersion: "v1",
              kind: "DataGovernancePolicy",
              metadata: { name: policy.name },
              spec: policy.spec,
            })}
            documentName={policy.name}
            canEdit={can.editGlobalPolicy(user)}
            initialTab={initialTab}
          />
        </>
      )}
    </>
  );
}
