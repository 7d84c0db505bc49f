// Sub-navigation of the metrics area; per-domain pages count as the mesh dashboard.
import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/metrics", label: "Mesh dashboard" },
  { href: "/metrics/rollout", label: "Rollout" },
  { href: "/metrics/cost-model", label: "Cost model" },
];

export function MetricsTabs() {
  return <SectionTabs label="Metrics sections" tabs={TABS} className="no-print" />;
}
