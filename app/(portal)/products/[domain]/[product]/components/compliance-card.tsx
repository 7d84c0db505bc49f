// The compliance summary on a product's page: status, counts and the way to the findings.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { ComplianceSummary } from "@/lib/products/queries";
import { ComplianceStatusBadge } from "@/components/governance/compliance-badges";
import { formatUtc } from "@/lib/format";

// The figures come with the product (getProductPage): no query of its own.
export function ComplianceCard({ latest, href }: { latest: ComplianceSummary | null; href: string }) {
  const link = (
    <Link href={href} className="text-sm font-medium text-brand-700 hover:underline">
      View compliance →
    </Link>
  );
  return (
    <Card title="Compliance" actions={link} className="mb-6">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700" data-testid="compliance-card">
        <ComplianceStatusBadge status={latest?.status ?? "unknown"} />
        {latest ? (
          <>
            <span>
              {latest.errors} error{latest.errors === 1 ? "" : "s"}, {latest.warnings} warning{latest.warnings === 1 ? "" : "s"}
            </span>
            {latest.warnings > 0 && latest.errors === 0 && (
              <span>{latest.acknowledgedAt ? "warnings acknowledged" : "warnings not yet acknowledged"}</span>
            )}
            <span className="text-slate-500">checked {formatUtc(latest.createdAt)}</span>
          </>
        ) : (
          <span className="text-slate-500">Not validated against its policy yet.</span>
        )}
      </div>
    </Card>
  );
}
