import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTemplate } from "@/lib/platform/templates";
import { listProcessingTemplates } from "@/lib/platform/processing-templates";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { retireTemplateAction, updateTemplateAction } from "../../actions";
import { RetireForm } from "../../components/retire-form";
import { TemplateForm } from "../../components/template-form";
import { requirePlatformAdmin } from "../../components/require-admin";
import { templateFormValues } from "../form-values";

export const metadata: Metadata = { title: "Product template" };

export default async function TemplatePage({ params }: { params: Promise<{ key: string }> }) {
  await requirePlatformAdmin();
  const { key } = await params;
  const [template, processing] = await Promise.all([getTemplate(key), listProcessingTemplates({ includeRetired: true })]);
  if (!template) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/platform/templates" className="hover:underline">
          Product templates
        </Link>
      </nav>
      <PageHeader
        title={template.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{template.key}</span>
            <span>version {template.version}</span>
            {template.retired && <Badge tone="red">retired</Badge>}
          </span>
        }
        actions={
          !template.retired ? (
            <Link className="text-sm text-brand-700 hover:underline" href={`/products/new?template=${template.key}`}>
              New product from this template
            </Link>
          ) : undefined
        }
      />
      <TemplateForm
        mode="edit"
        action={updateTemplateAction}
        initial={templateFormValues(template, "etl")}
        version={template.version}
        processingTemplates={processing.filter(
          (p) => !p.retired || p.key === (template.config as { processing_template?: { type?: string } }).processing_template?.type,
        )}
      />
      <Card title={template.retired ? "Reinstate" : "Retire"} className="mt-6">
        <p className="mb-3 text-sm text-slate-600">
          {template.retired
            ? "Offer this template again for new products."
            : "A retired template is no longer offered for new products; existing products keep it."}
        </p>
        <RetireForm action={retireTemplateAction} templateKey={template.key} retired={template.retired} />
      </Card>
    </>
  );
}
