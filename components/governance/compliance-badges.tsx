// Badges for a product's compliance status and a finding's severity, in the portal's badge tones.
import { Badge, type Tone } from "@/components/ui/badge";
import type { ComplianceStatus } from "@/lib/governance/compliance/status";
import type { Severity } from "@/lib/governance/compliance/rules";

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  passing: "Passing",
  warnings: "Warnings",
  failing: "Failing",
  unknown: "Not validated",
};
const STATUS_TONES: Record<ComplianceStatus, Tone> = { passing: "green", warnings: "amber", failing: "red", unknown: "gray" };
const SEVERITY_TONES: Record<Severity, Tone> = { error: "red", warning: "amber", info: "blue" };

export function ComplianceStatusBadge({ status }: { status: ComplianceStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{severity}</Badge>;
}
