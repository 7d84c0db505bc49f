import { Badge } from "@/components/ui/badge";

const TONE = { pending: "amber", approved: "green", denied: "red", revoked: "gray", expired: "gray" } as const;
const LABEL = { pending: "pending", approved: "granted", denied: "denied", revoked: "revoked", expired: "expired" } as const;

export function AccessStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
