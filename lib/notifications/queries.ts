// What the notification pages read (the write side is inbox.ts and subscriptions.ts).
import "server-only";

export { listNotifications, unreadCount, getPreferences, isFollowing, type NotificationRow, type Preferences } from "./inbox";
export { listWebhookSubscriptions, webhookDeliveryLog, type DeliveryRow, type SubscriptionRow } from "./subscriptions";
