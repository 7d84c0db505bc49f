// The notifications area's server entry for other areas: publish an event, and the job handlers.
import "server-only";

export { publishEvent, type Published } from "./publish-event";
export { deliverWebhook, recoverWebhookDeliveries } from "./deliver-webhook";
export { sendNotificationEmail } from "./send-email";
