"use server";
// The user's own notifications: mark read, mark all read, preferences, follow a product. Each service
// scopes its query to the signed-in user.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { markAllNotificationsRead, markNotificationRead, savePreferences, setFollow } from "@/lib/notifications/inbox";
import { list, optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";

export const markReadAction = serverAction(requireUser, async (user, formData) => {
  await markNotificationRead(user, optionalText(formData, "notificationId"));
  return afterSuccess(() => {
    revalidatePath("/", "layout");
    return { ok: true, message: "Marked as read." };
  });
});

export const markAllReadAction = serverAction(requireUser, async (user) => {
  const n = await markAllNotificationsRead(user);
  return afterSuccess(() => {
    revalidatePath("/", "layout");
    return { ok: true, message: n === 1 ? "1 notification marked as read." : `${n} notifications marked as read.` };
  });
});

export const savePreferencesAction = serverAction(requireUser, async (user, formData) => {
  await savePreferences(user, { inApp: list(formData, "inApp"), email: list(formData, "email") });
  return afterSuccess(() => {
    revalidatePath("/notifications/preferences");
    return { ok: true, message: "Preferences saved." };
  });
});

export const followAction = serverAction(requireUser, async (user, formData) => {
  const follow = optionalText(formData, "follow") === "true";
  await setFollow(user, optionalText(formData, "productId"), follow);
  const path = optionalText(formData, "path");
  return afterSuccess(() => {
    if (path?.startsWith("/products/")) revalidatePath(path);
    return {
      ok: true,
      message: follow ? "Following: you will hear of deprecations and breaking versions." : "You no longer follow this product.",
    };
  });
});
