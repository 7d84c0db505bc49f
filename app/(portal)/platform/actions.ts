"use server";
// Platform admin writes: product templates, processing templates and the platform configuration.
// Each action authenticates; the services decide who may (platform admins, audited) and return field errors.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { ValidationError, toActionState, type ActionState } from "@/lib/errors";
import { createTemplate, setTemplateRetired, updateTemplate } from "@/lib/platform/templates";
import { createProcessingTemplate, setProcessingTemplateRetired, updateProcessingTemplate } from "@/lib/platform/processing-templates";
import { updatePlatformConfig } from "@/lib/platform/platform-config";

function text(formData: FormData, key: string): string {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
}

function version(formData: FormData): number {
  const n = Number.parseInt(text(formData, "version"), 10);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError("The form is out of date; reload the page.");
  return n;
}

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

export async function createTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let key: string;
  try {
    const user = await requireUser();
    key = (await createTemplate(user, templateInput(formData))).key;
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/platform/templates");
  redirect(`/platform/templates/${key}`);
}

export async function updateTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const key = text(formData, "key");
    const { version: v } = await updateTemplate(user, key, templateInput(formData), version(formData));
    revalidatePath("/platform/templates");
    revalidatePath(`/platform/templates/${key}`);
    return { ok: true, message: `Saved as version ${v}. New products record this version.`, data: { version: v } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function retireTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const key = text(formData, "key");
    const retired = text(formData, "retired") === "true";
    await setTemplateRetired(user, key, retired);
    revalidatePath("/platform/templates");
    revalidatePath(`/platform/templates/${key}`);
    return { ok: true, message: retired ? "Retired: no longer offered for new products." : "Reinstated." };
  } catch (e) {
    return toActionState(e);
  }
}

const processingInput = (formData: FormData) => ({
  key: text(formData, "key"),
  name: text(formData, "name"),
  description: text(formData, "description"),
  config: text(formData, "config"),
});

export async function createProcessingTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let key: string;
  try {
    const user = await requireUser();
    key = (await createProcessingTemplate(user, processingInput(formData))).key;
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/platform/processing");
  redirect(`/platform/processing/${key}`);
}

export async function updateProcessingTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const key = text(formData, "key");
    const { version: v } = await updateProcessingTemplate(user, key, processingInput(formData), version(formData));
    revalidatePath("/platform/processing");
    revalidatePath(`/platform/processing/${key}`);
    return { ok: true, message: `Saved as version ${v}. Pipelines provisioned from now on use it.`, data: { version: v } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function retireProcessingTemplateAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const key = text(formData, "key");
    const retired = text(formData, "retired") === "true";
    await setProcessingTemplateRetired(user, key, retired);
    revalidatePath("/platform/processing");
    revalidatePath(`/platform/processing/${key}`);
    return { ok: true, message: retired ? "Retired." : "Reinstated." };
  } catch (e) {
    return toActionState(e);
  }
}

export async function updatePlatformConfigAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const { version: v } = await updatePlatformConfig(user, text(formData, "yaml"), version(formData));
    revalidatePath("/platform/config");
    revalidatePath("/platform/capabilities");
    return { ok: true, message: `Saved as version ${v}.`, data: { version: v } };
  } catch (e) {
    return toActionState(e);
  }
}
