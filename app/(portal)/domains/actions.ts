"use server";
// Domain writes. Each action authenticates and checks the admin rule itself, then calls the service,
// which checks again and validates with the shared zod schemas: nothing from the form is trusted.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ValidationError, toActionState, type ActionState } from "@/lib/errors";
import { domainSchema } from "@/lib/domains/schema";
import { addMember, archiveDomain, createDomain, getDomain, removeMember, updateDomain } from "@/lib/domains/service";

const FORBIDDEN = "Only data admins can manage domains.";

function text(formData: FormData, key: string): string | undefined {
  const v = formData.get(key);
  return typeof v === "string" ? v.trim() : undefined;
}

function domainInput(formData: FormData) {
  return {
    slug: text(formData, "slug"),
    name: text(formData, "name"),
    description: text(formData, "description") ?? "",
    ownerTeam: text(formData, "ownerTeam"),
    status: text(formData, "status"),
  };
}

/** The domain a form acts on (a hidden input): validated like any other input. */
function slugOf(formData: FormData): string {
  const r = domainSchema.shape.slug.safeParse(text(formData, "slug"));
  if (!r.success) throw new ValidationError("This domain does not exist.");
  return r.data;
}

function revalidateDomain(slug: string) {
  revalidatePath("/");
  revalidatePath("/domains");
  revalidatePath(`/domains/${slug}`);
}

export async function createDomainAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let slug: string;
  try {
    const user = await authorize(can.manageDomains, FORBIDDEN);
    slug = (await createDomain(user, domainInput(formData))).slug;
  } catch (e) {
    return toActionState(e);
  }
  revalidateDomain(slug);
  redirect(`/domains/${slug}`);
}

export async function updateDomainAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let slug: string;
  try {
    const user = await authorize(can.manageDomains, FORBIDDEN);
    slug = slugOf(formData);
    await updateDomain(user, slug, domainInput(formData));
  } catch (e) {
    return toActionState(e);
  }
  revalidateDomain(slug);
  redirect(`/domains/${slug}`);
}

export async function archiveDomainAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize(can.manageDomains, FORBIDDEN);
    const slug = slugOf(formData);
    // The second, explicit submit is the confirmation; a request without it changes nothing.
    if (formData.get("confirm") !== "archive") return { ok: false, message: "Confirm that you want to archive this domain." };
    await archiveDomain(user, slug);
    revalidateDomain(slug);
    return { ok: true, message: "Domain archived." };
  } catch (e) {
    return toActionState(e);
  }
}

export async function addMemberAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize(can.manageDomains, FORBIDDEN);
    const slug = slugOf(formData);
    const domain = await getDomain(slug);
    if (!domain) return { ok: false, message: "This domain does not exist." };
    // Archived domains are read-only; removing access (below) stays possible.
    if (domain.status === "archived") return { ok: false, message: "This domain is archived; members can no longer be added." };
    const email = text(formData, "email") ?? "";
    await addMember(user, slug, { email, role: text(formData, "role") });
    revalidateDomain(slug);
    return { ok: true, message: `${email.toLowerCase()} is now a member.` };
  } catch (e) {
    return toActionState(e);
  }
}

export async function removeMemberAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize(can.manageDomains, FORBIDDEN);
    const slug = slugOf(formData);
    const userId = z.uuid().safeParse(text(formData, "userId"));
    if (!userId.success) return { ok: false, message: "Unknown member." };
    await removeMember(user, slug, userId.data);
    revalidateDomain(slug);
    return { ok: true, message: "Member removed." };
  } catch (e) {
    return toActionState(e);
  }
}
