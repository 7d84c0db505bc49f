// Product templates (the seed's DataProductTemplate) for platform admins.
import type { Metadata } from "next";
import Link from "next/link";
import { listTemplatesForAdmin } from "@/lib/platform/templates";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { PlatformTabs } from "../components/platform-tabs";
import { requirePlatformAdmin } from "../components/require-admin";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Product templates" };
const PAGE_SIZE = 20;

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePlatformAdmin();
  const page = parsePage((await searchParams).page);
  const all = await listTemplatesForAdmin();
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="Product templates"
        description="Starting points for new data products: platform settings plus registration defaults. Editing saves a new version; products keep the version they were created from."
        actions={<ButtonLink href="/platform/templates/new">New template</ButtonLink>}
      />
      <PlatformTabs />
      <Table>
        <thead>
          <tr>
            <Th>Template</Th>
            <Th>Storage</Th>
            <Th>Processing</Th>
            <Th>Serving</Th>
            <Th>Governance</Th>
            <Th>Version</Th>
            <Th>Products</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((t) => {
            const c = t.config as Record<string, string | { type?: string }>;
            const pt = (c.processing_template as { type?: string } | undefined)?.type;
            return (
              <tr key={t.key}>
                <Td>
                  <Link className="font-medium text-brand-700 hover:underline" href={`/platform/templates/${t.key}`}>
                    {t.name}
                  </Link>
                  <span className="block font-mono text-xs text-slate-500">{t.key}</span>
                </Td>
                <Td>{String(c.storage ?? "")}</Td>
                <Td>
                  {String(c.processing ?? "")}
                  {pt ? <span className="block text-xs text-slate-500">{pt}</span> : null}
                </Td>
                <Td>{String(c.serving ?? "")}</Td>
                <Td>{String(c.governance ?? "")}</Td>
                <Td>v{t.version}</Td>
                <Td>{t.productCount}</Td>
                <Td>
                  {t.retired ? (
                    <Badge tone="red">retired</Badge>
                  ) : (
                    <Link className="text-sm text-brand-700 hover:underline" href={`/products/new?template=${t.key}`}>
                      Use
                    </Link>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={all.length} basePath="/platform/templates" params={{}} />
    </>
  );
}
