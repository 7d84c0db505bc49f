// Processing templates (the seed's ProcessingTemplate: etl, streaming, ml) for platform admins.
import type { Metadata } from "next";
import Link from "next/link";
import { listProcessingTemplates } from "@/lib/platform/processing-templates";
import { processingKind, PROCESSING_KINDS } from "@/lib/platform/processing";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { PlatformTabs } from "../components/platform-tabs";
import { requirePlatformAdmin } from "../components/require-admin";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Processing templates" };
const PAGE_SIZE = 20;

export default async function ProcessingTemplatesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePlatformAdmin();
  const page = parsePage((await searchParams).page);
  const all = await listProcessingTemplates({ includeRetired: true });
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="Processing templates"
        description="How pipelines are built: each kind has the configuration keys its pipeline reads. Provisioning records the pipeline from the template the product's template names."
        actions={<ButtonLink href="/platform/processing/new">New processing template</ButtonLink>}
      />
      <PlatformTabs />
      <Table>
        <thead>
          <tr>
            <Th>Template</Th>
            <Th>Kind</Th>
            <Th>Configuration keys</Th>
            <Th>Version</Th>
            <Th>Used by</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((t) => {
            const kind = processingKind(t.key);
            return (
              <tr key={t.key}>
                <Td>
                  <Link className="font-medium text-brand-700 hover:underline" href={`/platform/processing/${t.key}`}>
                    {t.name}
                  </Link>
                  <span className="block font-mono text-xs text-slate-500">{t.key}</span>
                </Td>
                <Td>{kind}</Td>
                <Td className="text-xs">{kind ? PROCESSING_KINDS[kind].join(", ") : ""}</Td>
                <Td>v{t.version}</Td>
                <Td>
                  {t.usedBy} template{t.usedBy === 1 ? "" : "s"}
                </Td>
                <Td>{t.retired ? <Badge tone="red">retired</Badge> : <Badge tone="green">active</Badge>}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={all.length} basePath="/platform/processing" params={{}} />
    </>
  );
}
