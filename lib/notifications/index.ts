// The notifications area's public entry (pure): event types, their labels and descriptions, the webhook
// retry schedule and URL rule. Publishing and delivery (database, queue): `@/lib/notifications/server`.
export { EVENT_TYPES, EVENT_LABELS, describeEvent, isEventType } from "./types";
export type { EventType, EventProduct, NotificationEventInput } from "./types";
export { retryDelaySeconds, retrySchedule, WEBHOOK_MAX_ATTEMPTS } from "./backoff";
export { checkWebhookUrl, portalHostKeys } from "./webhook-url";
