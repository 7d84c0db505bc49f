// The e-mail job: one notification to one person through the configured SMTP server (nodemailer). A
// failure throws, and pg-boss retries it with its exponential backoff (lib/jobs/queue.ts); the action that
// caused the event finished long before.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import type { EmailMessage } from "@/lib/jobs/queue";

const globalForMail = globalThis as unknown as { meshportMail?: { key: string; transport: Transporter } };

function transport(e: Env): Transporter {
  const key = `${e.SMTP_HOST}:${e.SMTP_PORT}:${e.SMTP_SECURE}:${e.SMTP_USER ?? ""}`;
  if (globalForMail.meshportMail?.key !== key) {
    globalForMail.meshportMail = {
      key,
      transport: nodemailer.createTransport({
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        secure: e.SMTP_SECURE,
        auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? "" } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return globalForMail.meshportMail.transport;
}

export async function sendNotificationEmail(msg: EmailMessage): Promise<{ sent: boolean }> {
  const e = env();
  if (!e.SMTP_HOST) return { sent: false };
  const [event, user] = await Promise.all([
    db.notificationEvent.findUnique({ where: { id: msg.eventId }, select: { title: true, link: true } }),
    db.user.findUnique({ where: { id: msg.userId }, select: { email: true, name: true, disabled: true } }),
  ]);
  if (!event || !user || user.disabled) return { sent: false };
  const base = (e.PUBLIC_URL ?? e.AUTH_URL ?? "").replace(/\/$/, "");
  await transport(e).sendMail({
    from: e.SMTP_FROM,
    to: { name: user.name, address: user.email },
    subject: event.title,
    text: [
      `Hello ${user.name},`,
      "",
      event.title,
      "",
      `Open it: ${base}${event.link}`,
      `Your notifications: ${base}/notifications`,
      `Choose what you are e-mailed about: ${base}/notifications/preferences`,
    ].join("\n"),
  });
  await db.notification.updateMany({ where: { eventId: msg.eventId, userId: msg.userId }, data: { emailedAt: new Date() } });
  return { sent: true };
}
