import { Badge, type Tone } from "@/components/ui/badge";

const labels: Record<string, { label: string; tone: Tone }> = {
  onboarded: { label: "Onboarded", tone: "green" },
  not_onboarded: { label: "Not onboarded", tone: "amber" },
  archived: { label: "Archived", tone: "gray" },
};

export function DomainStatusBadge({ status }: { status: string }) {
  const s = labels[status] ?? { label: status, tone: "gray" as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
