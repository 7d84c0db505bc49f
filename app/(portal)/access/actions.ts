"use server";
// Access requests: consumers ask, product owners approve / deny / revoke. Each action authenticates and
// the services authorize against the product (fail closed) and validate the input.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest, revokeAccess } from "@/lib/consumers/decide-access";

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : undefined;
};

function revalidateAccess(productHref?: string) {
  revalidatePath("/access");
  revalidatePath("/access/inbox");
  if (productHref && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(productHref)) revalidatePath(productHref);
}

export async function requestAccessAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    await requestAccess(user, { productId: text(formData, "productId"), purpose: text(formData, "purpose") ?? "" });
  } catch (e) {
    return toActionState(e);
  }
  revalidateAccess(text(formData, "productHref"));
  return { ok: true, message: "Request sent. The product's owners will decide; you can follow it under My access." };
}

export async function decideAccessAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let status: string;
  try {
    const user = await requireUser();
    ({ status } = await decideAccessRequest(user, {
      requestId: text(formData, "requestId"),
      decision: text(formData, "decision"),
      note: text(formData, "note") ?? "",
    }));
  } catch (e) {
    return toActionState(e);
  }
  revalidateAccess(text(formData, "productHref"));
  return { ok: true, message: status === "approved" ? "Access granted." : "Request denied." };
}

export async function revokeAccessAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    await revokeAccess(user, { requestId: text(formData, "requestId"), note: text(formData, "note") ?? "" });
  } catch (e) {
    return toActionState(e);
  }
  revalidateAccess(text(formData, "productHref"));
  return { ok: true, message: "Access revoked." };
}
