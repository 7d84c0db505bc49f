"use server";
// Platform admin writes: product templates, processing templates and the platform configuration.
// Each action authenticates; the services decide who may (platform admins, audited) and return field errors.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { text } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { createTemplate, setTemplateRetired, updateTemplate } from "@/lib/platform/templates";
import { createProcessingTemplate, setProcessingTemplateRetired, updateProcessingTemplate } from "@/lib/platform/processing-templates";
import { updatePlatformConfig } from "@/lib/platform/platform-config";

const TEMPLATE_FIELDS = [
  "key",
  "name",
  "description",
  "storage",
  "processing",
  "serving",
  "governance",
  "processingTemplate",
  "processingSettings",
  "classification",
  "availability",
  "latencyMs",
  "freshnessMinutes",
  "tags",
];
const templateInput = (formData: FormData) => Object.fromEntries(TEMPLATE_FIELDS.map((k) => [k, text(formData, k)]));

export const createTemplateAction = serverAction(requireUser, async (user, formData) => {
  const { key } = await createTemplate(user, templateInput(formData));
  return afterSuccess(() => {
    revalidatePath("/platform/templates");
    redirect(`/platform/templates/${key}`);
  });
});

export const updateTemplateAction = serverAction(requireUser, async (user, formData) => {
  const key = text(formData, "key");
  const { version: v } = await updateTemplate(user, key, templateInput(formData), text(formData, "version"));
  revalidatePath("/platform/templates");
  revalidatePath(`/platform/templates/${key}`);
  return { ok: true, message: `Saved as version ${v}. New products record this version.`, data: { version: v } };
});

export const retireTemplateAction = serverAction(requireUser, async (user, formData) => {
  const key = text(formData, "key");
  const retired = text(formData, "retired") === "true";
  await setTemplateRetired(user, key, retired);
  revalidatePath("/platform/templates");
  revalidatePath(`/platform/templates/${key}`);
  return { ok: true, message: retired ? "Retired: no longer offered for new products." : "Reinstated." };
});

const processingInput = (formData: FormData) => ({
  key: text(formData, "key"),
  name: text(formData, "name"),
  description: text(formData, "description"),
  config: text(formData, "config"),
});

export const createProcessingTemplateAction = serverAction(requireUser, async (user, formData) => {
  const { key } = await createProcessingTemplate(user, processingInput(formData));
  return afterSuccess(() => {
    revalidatePath("/platform/processing");
    redirect(`/platform/processing/${key}`);
  });
});

export const updateProcessingTemplateAction = serverAction(requireUser, async (user, formData) => {
  const key = text(formData, "key");
  const { version: v } = await updateProcessingTemplate(user, key, processingInput(formData), text(formData, "version"));
  revalidatePath("/platform/processing");
  revalidatePath(`/platform/processing/${key}`);
  return { ok: true, message: `Saved as version ${v}. Pipelines provisioned from now on use it.`, data: { version: v } };
});

export const retireProcessingTemplateAction = serverAction(requireUser, async (user, formData) => {
  const key = text(formData, "key");
  const retired = text(formData, "retired") === "true";
  await setProcessingTemplateRetired(user, key, retired);
  revalidatePath("/platform/processing");
  revalidatePath(`/platform/processing/${key}`);
  return { ok: true, message: retired ? "Retired." : "Reinstated." };
});

export const updatePlatformConfigAction = serverAction(requireUser, async (user, formData) => {
  const { version: v } = await updatePlatformConfig(user, text(formData, "yaml"), text(formData, "version"));
  revalidatePath("/platform/config");
  revalidatePath("/platform/capabilities");
  return { ok: true, message: `Saved as version ${v}.`, data: { version: v } };
});
