// What the product page tells a user about reading this product, in plain words: read now, request access
// (and who decides), or not grantable for their role. Computed on the server from the effective policy.
import type { AccessVerdict } from "@/lib/consumers/access-path";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function AccessVerdictLine({
  verdict,
  domainName,
  classification,
}: {
  verdict: AccessVerdict;
  domainName: string;
  classification: string;
}) {
  const text = (() => {
    switch (verdict.kind) {
      case "member":
        return `You can read this now, as a member of the ${domainName} domain.`;
      case "read":
        return `You can read this now: your role ${verdict.role} reads ${classification} data.`;
      case "granted":
        return `You can read this now, through your access grant until ${dateFmt.format(new Date(verdict.expiresAt))}.`;
      case "grantable":
        return verdict.approval === "owner"
          ? `Request access: the product's owners decide (for up to ${verdict.maxDays} days).`
          : `Request access: the product's owners, then governance decide (for up to ${verdict.maxDays} days).`;
      case "never":
        return `Not grantable for your role: the governance policy never gives ${verdict.roles.join(", ") || "your roles"} access to ${classification} data.`;
    }
  })();
  const tone = verdict.kind === "never" ? "text-slate-600" : verdict.kind === "grantable" ? "text-amber-800" : "text-green-800";
  return (
    <p className={`font-medium ${tone}`} data-testid="access-verdict" data-verdict={verdict.kind}>
      {text}
    </p>
  );
}
