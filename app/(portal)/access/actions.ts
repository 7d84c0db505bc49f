"use server";
// Access requests: consumers ask, product owners approve / deny / revoke. Each action authenticates and
// the services authorize against the product (fail closed) and validate the input.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withFlash } from "@/lib/flash";
import { requireUser } from "@/lib/auth/current-user";
import { optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest, revokeAccess } from "@/lib/consumers/decide-access";

function revalidateAccess(productHref?: string) {
  revalidatePath("/access");
  revalidatePath("/access/inbox");
  if (productHref && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(productHref)) revalidatePath(productHref);
}

export const requestAccessAction = serverAction(requireUser, async (user, formData) => {
  await requestAccess(user, { productId: optionalText(formData, "productId"), purpose: optionalText(formData, "purpose") ?? "" });
  return afterSuccess(() => {
    revalidateAccess(optionalText(formData, "productHref"));
    return { ok: true, message: "Request sent. The product's owners will decide; you can follow it under My access." };
  });
});

export const decideAccessAction = serverAction(requireUser, async (user, formData) => {
  const { status } = await decideAccessRequest(user, {
    requestId: optionalText(formData, "requestId"),
    decision: optionalText(formData, "decision"),
    note: optionalText(formData, "note") ?? "",
  });
  return afterSuccess(() => {
    revalidateAccess(optionalText(formData, "productHref"));
    // The decided row leaves the pending list (and its form with it): the confirmation is the page's.
    redirect(withFlash("/access/inbox?status=pending", status === "approved" ? "access-approved" : "access-denied"));
  });
});

export const revokeAccessAction = serverAction(requireUser, async (user, formData) => {
  await revokeAccess(user, { requestId: optionalText(formData, "requestId"), note: optionalText(formData, "note") ?? "" });
  return afterSuccess(() => {
    revalidateAccess(optionalText(formData, "productHref"));
    redirect(withFlash("/access/inbox?status=approved", "access-revoked"));
  });
});
