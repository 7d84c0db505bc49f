import type { Metadata } from "next";
import { listProcessingTemplates } from "@/lib/platform/processing-templates";
import { PageHeader } from "@/components/ui/card";
import { createTemplateAction } from "../../actions";
import { TemplateForm } from "../../components/template-form";
import { requirePlatformAdmin } from "../../components/require-admin";
import { templateFormValues } from "../form-values";

export const metadata: Metadata = { title: "New product template" };

export default async function NewTemplatePage() {
  await requirePlatformAdmin();
  const processing = await listProcessingTemplates();
  return (
    <>
      <PageHeader title="New product template" />
      <TemplateForm
        mode="create"
        action={createTemplateAction}
        initial={templateFormValues(null, processing[0]?.key ?? "etl")}
        version={0}
        processingTemplates={processing}
      />
    </>
  );
}
