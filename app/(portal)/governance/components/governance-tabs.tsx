// Sub-navigation shared by the governance screens (overview, policies, audit log).
import { SectionTabs } from "@/components/ui/section-tabs";

export const GOVERNANCE_TABS = [
  { href: "/governance", label: "Overview" },
  { href: "/governance/policies", label: "Policies" },
  { href: "/governance/audit", label: "Audit log" },
] as const;

export function GovernanceTabs() {
  return <SectionTabs label="Governance sections" tabs={GOVERNANCE_TABS} />;
}
