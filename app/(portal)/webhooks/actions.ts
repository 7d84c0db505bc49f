"use server";
// Webhook subscriptions: create (the signing secret comes back once, in the state), delete, redeliver.
// The services decide who may (can.manageWebhooks) and check the URL; the Host this request came in on is
// passed so a URL pointing back at the portal is refused even without PUBLIC_URL.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { createWebhookSubscription, deleteWebhookSubscription, redeliverWebhook } from "@/lib/notifications/subscriptions";
import { list, optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";

/** The Host this request came in on (none outside a request, e.g. a test calling the action directly). */
async function requestHost(): Promise<string | null> {
  try {
    const h = await headers();
    return h.get("x-forwarded-host") ?? h.get("host");
  } catch {
    return null;
  }
}

export const createWebhookAction = serverAction(requireUser, async (user, formData) => {
  const { secret } = await createWebhookSubscription(
    user,
    {
      url: optionalText(formData, "url") ?? "",
      scope: optionalText(formData, "scope") ?? "",
      eventTypes: list(formData, "eventTypes"),
      description: optionalText(formData, "description") ?? "",
    },
    { requestHost: await requestHost() },
  );
  return afterSuccess(() => {
    revalidatePath("/webhooks");
    return { ok: true, message: "Webhook created. Copy its signing secret now: it is not shown again.", data: { secret } };
  });
});

export const deleteWebhookAction = serverAction(requireUser, async (user, formData) => {
  await deleteWebhookSubscription(user, optionalText(formData, "subscriptionId"));
  return afterSuccess(() => {
    revalidatePath("/webhooks");
    redirect("/webhooks");
  });
});

export const redeliverAction = serverAction(requireUser, async (user, formData) => {
  const id = optionalText(formData, "subscriptionId");
  await redeliverWebhook(user, optionalText(formData, "deliveryId"));
  return afterSuccess(() => {
    if (id) revalidatePath(`/webhooks/${id}`);
    return { ok: true, message: "Queued again: the new delivery appears at the top." };
  });
});
