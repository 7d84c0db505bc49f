// Sub-navigation shared by the governance screens (overview, policies, compliance monitor, subject requests, audit log).
import { SectionTabs } from "@/components/ui/section-tabs";

export const GOVERNANCE_TABS = [
  { href: "/governance", label: "Overview" },
  { href: "/governance/policies", label: "Policies" },
  { href: "/governance/compliance", label: "Compliance monitor" },
  { href: "/governance/subject-requests", label: "Subject requests" },
  { href: "/governance/audit", label: "Audit log" },
] as const;

export function GovernanceTabs() {
  return <SectionTabs label="Governance sections" tabs={GOVERNANCE_TABS} />;
}
