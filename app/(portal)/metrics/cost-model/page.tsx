// The cost model behind "cost reduction": what each template costs per product and month against the
// central-team baseline. Everyone with metrics access sees it; data admins edit it.
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getCostModel } from "@/lib/metrics/cost-model";
import { listCostModelTemplates } from "@/lib/metrics/queries";
import { DEFINITIONS } from "@/lib/metrics/formulas";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { fmtMoney } from "@/components/metrics/format";
import { CostModelForm } from "./cost-model-form";

export const metadata: Metadata = { title: "Cost model" };

export default async function CostModelPage() {
  const user = await requirePageUser();
  if (!can.readMetrics(user)) forbidden();
  const [model, templates] = await Promise.all([getCostModel(), listCostModelTemplates()]);
  const rows = [...templates, { key: "none", name: "No template" }].map((t) => ({
    ...t,
    monthly: model.templateMonthly[t.key] ?? model.templateMonthly.none ?? model.centralBaselineMonthly,
  }));
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            Cost model <Badge tone="amber">Model</Badge>
          </span>
        }
        description={DEFINITIONS.cost}
      />
      {can.manageRollout(user) ? (
        <Card title="Edit the model">
          <CostModelForm currency={model.currency} baseline={model.centralBaselineMonthly} templates={rows} />
        </Card>
      ) : (
        <Card title="Assumptions">
          <Table>
            <thead>
              <tr>
                <Th>Item</Th>
                <Th className="text-right">Per product and month</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <Td>Central-team baseline</Td>
                <Td className="text-right tabular-nums">{fmtMoney(model.centralBaselineMonthly, model.currency)}</Td>
              </tr>
              {rows.map((t) => (
                <tr key={t.key}>
                  <Td>{t.name}</Td>
                  <Td className="text-right tabular-nums">{fmtMoney(t.monthly, model.currency)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-2 text-xs text-slate-500">Only data admins change these assumptions.</p>
        </Card>
      )}
    </>
  );
}
