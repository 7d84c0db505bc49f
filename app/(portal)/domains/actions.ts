"use server";
// Domain writes. Each action authenticates and checks the admin rule itself, then calls the service,
// which checks again and validates with the shared zod schemas: nothing from the form is trusted.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { addMember, archiveDomain, createDomain, removeMember, updateDomain } from "@/lib/domains/service";

const FORBIDDEN = "Only data admins can manage domains.";
const asAdmin = () => authorize(can.manageDomains, FORBIDDEN);

const field = (formData: FormData, key: string) => optionalText(formData, key, { trim: true });

function domainInput(formData: FormData) {
  return {
    slug: field(formData, "slug"),
    name: field(formData, "name"),
    description: field(formData, "description") ?? "",
    ownerTeam: field(formData, "ownerTeam"),
    status: field(formData, "status"),
  };
}

function revalidateDomain(slug: string) {
  revalidatePath("/");
  revalidatePath("/domains");
  revalidatePath(`/domains/${slug}`);
}

export const createDomainAction = serverAction(asAdmin, async (user, formData) => {
  const { slug } = await createDomain(user, domainInput(formData));
  return afterSuccess(() => {
    revalidateDomain(slug);
    redirect(`/domains/${slug}`);
  });
});

export const updateDomainAction = serverAction(asAdmin, async (user, formData) => {
  const { slug } = await updateDomain(user, field(formData, "slug"), domainInput(formData));
  return afterSuccess(() => {
    revalidateDomain(slug);
    redirect(`/domains/${slug}`);
  });
});

export const archiveDomainAction = serverAction(asAdmin, async (user, formData) => {
  // The second, explicit submit is the confirmation; a request without it changes nothing.
  if (formData.get("confirm") !== "archive") return { ok: false, message: "Confirm that you want to archive this domain." };
  const { slug } = await archiveDomain(user, field(formData, "slug"));
  revalidateDomain(slug);
  return { ok: true, message: "Domain archived." };
});

export const addMemberAction = serverAction(asAdmin, async (user, formData) => {
  const email = field(formData, "email") ?? "";
  const { slug } = await addMember(user, field(formData, "slug"), { email, role: field(formData, "role") });
  revalidateDomain(slug);
  return { ok: true, message: `${email.toLowerCase()} is now a member.` };
});

export const removeMemberAction = serverAction(asAdmin, async (user, formData) => {
  const { slug } = await removeMember(user, field(formData, "slug"), field(formData, "userId"));
  revalidateDomain(slug);
  return { ok: true, message: "Member removed." };
});
