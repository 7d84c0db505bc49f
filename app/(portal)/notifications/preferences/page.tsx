// Which events a user hears of, in the portal and by e-mail, per event type.
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/current-user";
import { getPreferences } from "@/lib/notifications/queries";
import { EVENT_LABELS, EVENT_TYPES } from "@/lib/notifications";
import { env } from "@/lib/env";
import { Card, PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notification preferences" };

export default async function PreferencesPage() {
  const user = await requirePageUser();
  const prefs = await getPreferences(user.id);
  const rows = EVENT_TYPES.map((t) => ({ type: t, label: EVENT_LABELS[t], ...prefs[t] }));
  return (
    <>
      <Breadcrumb items={[{ href: "/notifications", label: "Notifications" }, { label: "Preferences" }]} />
      <PageHeader
        title="Notification preferences"
        description={
          env().SMTP_HOST
            ? `E-mails go to ${user.email}.`
            : "E-mail is not configured on this portal yet: your e-mail choices apply once it is."
        }
      />
      <Card>
        <PreferencesForm rows={rows} />
      </Card>
    </>
  );
}
