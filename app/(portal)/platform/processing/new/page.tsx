import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { createProcessingTemplateAction } from "../../actions";
import { ProcessingForm } from "../../components/processing-form";
import { requirePlatformAdmin } from "../../components/require-admin";

export const metadata: Metadata = { title: "New processing template" };

const STARTER = "extract:\n  source: ingestion_endpoint\ntransform:\n  validate_types: true\nload:\n  mode: append\nschedule: hourly\n";

export default async function NewProcessingTemplatePage() {
  await requirePlatformAdmin();
  return (
    <>
      <PageHeader title="New processing template" />
      <ProcessingForm
        mode="create"
        action={createProcessingTemplateAction}
        initial={{ key: "etl-", name: "", description: "", config: STARTER }}
        version={0}
      />
    </>
  );
}
