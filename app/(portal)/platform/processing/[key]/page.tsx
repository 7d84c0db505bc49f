import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { stringify } from "yaml";
import { getProcessingTemplate } from "@/lib/platform/processing-templates";
import { PROCESSING_KINDS, processingKind } from "@/lib/platform/processing";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { retireProcessingTemplateAction, updateProcessingTemplateAction } from "../../actions";
import { ProcessingForm } from "../../components/processing-form";
import { RetireForm } from "../../components/retire-form";
import { requirePlatformAdmin } from "../../components/require-admin";

export const metadata: Metadata = { title: "Processing template" };

export default async function ProcessingTemplatePage({ params }: { params: Promise<{ key: string }> }) {
  await requirePlatformAdmin();
  const t = await getProcessingTemplate((await params).key);
  if (!t) notFound();
  // jsonb does not keep key order: show the kind's keys in the seed's order, then any others.
  const kind = processingKind(t.key);
  const order = kind ? (PROCESSING_KINDS[kind] as readonly string[]) : [];
  const ordered = Object.fromEntries(
    [...order.filter((k) => k in t.config), ...Object.keys(t.config).filter((k) => !order.includes(k))].map((k) => [k, t.config[k]]),
  );
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/platform/processing" className="hover:underline">
          Processing templates
        </Link>
      </nav>
      <PageHeader
        title={t.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{t.key}</span>
            <span>version {t.version}</span>
            <span>
              used by {t.usedBy} product template{t.usedBy === 1 ? "" : "s"}
            </span>
            {t.retired && <Badge tone="red">retired</Badge>}
          </span>
        }
      />
      <ProcessingForm
        mode="edit"
        action={updateProcessingTemplateAction}
        initial={{ key: t.key, name: t.name, description: t.description, config: stringify(ordered) }}
        version={t.version}
      />
      <Card title={t.retired ? "Reinstate" : "Retire"} className="mt-6">
        <p className="mb-3 text-sm text-slate-600">
          {t.retired
            ? "Make it available to product templates again."
            : "Only a processing template no product template uses can be retired."}
        </p>
        <RetireForm action={retireProcessingTemplateAction} templateKey={t.key} retired={t.retired} />
      </Card>
    </>
  );
}
