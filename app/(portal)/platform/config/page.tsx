// The platform configuration (the seed's DataPlatform YAML): viewable and editable by platform admins.
import type { Metadata } from "next";
import Link from "next/link";
import { getPlatformConfig } from "@/lib/platform/platform-config";
import { Card, PageHeader } from "@/components/ui/card";
import { formatUtc } from "@/lib/format";
import { updatePlatformConfigAction } from "../actions";
import { ConfigForm } from "../components/config-form";
import { PlatformTabs } from "../components/platform-tabs";
import { requirePlatformAdmin } from "../components/require-admin";

export const metadata: Metadata = { title: "Platform configuration" };

export default async function PlatformConfigPage() {
  await requirePlatformAdmin();
  const config = await getPlatformConfig();
  return (
    <>
      <PageHeader
        title="Platform configuration"
        description={
          config.version === 0
            ? "Not saved yet: showing the built-in default."
            : `Version ${config.version}, saved ${formatUtc(config.updatedAt)}${config.updatedBy ? ` by ${config.updatedBy}` : ""}. Earlier versions are in the audit log.`
        }
      />
      <PlatformTabs />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[2fr_1fr]">
        <Card className="min-w-0">
          <ConfigForm action={updatePlatformConfigAction} yaml={config.yaml} version={config.version} />
        </Card>
        <Card title="How it is used">
          <ul className="list-disc space-y-2 pl-5 text-sm text-slate-700">
            <li>
              Each <code>storage</code>, <code>processing</code> and <code>serving</code> component is a cloud target. Provisioning writes a
              Terraform JSON plan for them (for example the bucket, cluster size, rate limiting and authentication come from here); it does
              not apply it.
            </li>
            <li>
              What this installation provisions for real (PostgreSQL schemas, tables, roles and grants, pipelines, the read endpoint) is
              listed on the{" "}
              <Link className="text-brand-700 underline" href="/platform/capabilities">
                capabilities
              </Link>{" "}
              page.
            </li>
            <li>
              Saving checks the document (apiVersion v1, kind DataPlatform, lowercase type and provider names) and stores it as the next
              version.
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
