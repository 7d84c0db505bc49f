// What this installation really provisions (live) and what it only plans (cloud targets), from the
// platform configuration and the database's answer about the portal's own privileges.
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { capabilities, type CapabilityMode } from "@/lib/platform/capabilities";
import { getPlatformConfig } from "@/lib/platform/platform-config";
import { databasePrivileges } from "@/lib/provisioning/privileges";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { PlatformTabs } from "../components/platform-tabs";

export const metadata: Metadata = { title: "Platform capabilities" };

const MODE: Record<CapabilityMode, { tone: Tone; label: string }> = {
  live: { tone: "green", label: "Provisioned here" },
  plan: { tone: "amber", label: "Plan only" },
  unavailable: { tone: "red", label: "Unavailable" },
};

export default async function CapabilitiesPage() {
  const user = await requirePageUser();
  const [config, privileges] = await Promise.all([getPlatformConfig(), databasePrivileges()]);
  const rows = capabilities(config.document.spec, privileges);
  return (
    <>
      <PageHeader
        title="Platform capabilities"
        description="What provisioning a data product does on this installation, and what it only writes down as a Terraform plan for your cloud."
      />
      <PlatformTabs admin={can.managePlatform(user)} />
      <Card>
        <Table>
          <thead>
            <tr>
              <Th>Step</Th>
              <Th>Capability</Th>
              <Th>Target</Th>
              <Th>Mode</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r, i) => (
              <tr key={i} data-mode={r.mode}>
                <Td className="capitalize">{r.layer}</Td>
                <Td className="font-medium">{r.name}</Td>
                <Td className="font-mono text-xs">{r.target}</Td>
                <Td>
                  <Badge tone={MODE[r.mode].tone}>{MODE[r.mode].label}</Badge>
                </Td>
                <Td className="text-xs text-slate-600">{r.detail}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-3 text-xs text-slate-500">
          Live capabilities are checked against the database the portal runs on (PostgreSQL {privileges.serverVersion}): creating schemas
          needs CREATE on the database, roles need CREATEROLE.
        </p>
      </Card>
    </>
  );
}
