// The events the portal tells people about: one typed union, so every publisher names its fields and the
// notification centre, e-mails and webhook payloads describe an event the same way. Pure: no database.

export const EVENT_TYPES = [
  "access.requested",
  "access.decided",
  "access.expiring",
  "validation.failing",
  "quality.check_failed",
  "product.deprecated",
  "product.retired",
  "product.breaking_change",
  "provisioning.failed",
  "compliance.violation",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_LABELS: Record<EventType, string> = {
  "access.requested": "Access requested (you decide)",
  "access.decided": "Your access request was decided",
  "access.expiring": "Your access expires soon",
  "validation.failing": "A product fails validation after a policy change",
  "quality.check_failed": "A quality check failed",
  "product.deprecated": "A product you use was deprecated",
  "product.retired": "A product you use was retired",
  "product.breaking_change": "A product you use published a breaking version",
  "provisioning.failed": "Provisioning failed",
  "compliance.violation": "Compliance violation",
};

export function isEventType(v: unknown): v is EventType {
  return typeof v === "string" && (EVENT_TYPES as readonly string[]).includes(v);
}

/** The product an event is about, as every event names it. */
export type EventProduct = { id: string; domain: string; name: string };

export type NotificationEventInput = { actorId?: string | null } & (
  | {
      type: "access.requested";
      product: EventProduct;
      requestId: string;
      requester: { id: string; email: string };
      purpose: string;
      /** "owners" decide first; "governance" takes the second step of a two-step request. */
      stage: "owners" | "governance";
    }
  | {
      type: "access.decided";
      product: EventProduct;
      requestId: string;
      requesterId: string;
      decision: "approved" | "denied";
      note: string;
      expiresAt: string | null;
    }
  | { type: "access.expiring"; product: EventProduct; grantId: string; holderId: string; expiresAt: string }
  | { type: "validation.failing"; product: EventProduct; errors: number; trigger: string; runId: string | null }
  | {
      type: "quality.check_failed";
      product: EventProduct;
      score: number;
      /** `datasets`: a product with several datasets names those below the threshold. */
      failures: Array<{ metric: string; score: number; threshold: number; datasets?: string[] }>;
    }
  | { type: "product.deprecated"; product: EventProduct; sunsetOn: string | null; note: string }
  | { type: "product.retired"; product: EventProduct; note: string }
  | { type: "product.breaking_change"; product: EventProduct; fromVersion: string; toVersion: string; note: string }
  | {
      type: "provisioning.failed";
      product: EventProduct;
      jobId: string;
      environment: string;
      error: string;
      requestedById: string | null;
    }
  | {
      type: "compliance.violation";
      /** The domain the violation is in (its owners are told), and the product when there is one. */
      domain: string;
      product: EventProduct | null;
      rule: string;
      message: string;
      violationId: string | null;
    }
);

const pct = (v: number) => `${Math.round(v * 10) / 10}%`;

/** The one-line sentence and the portal link of an event (notification centre, e-mail subject, webhook). */
export function describeEvent(e: NotificationEventInput): { title: string; link: string } {
  const p = "product" in e && e.product ? `${e.product.domain}/${e.product.name}` : "";
  const page = "product" in e && e.product ? `/products/${e.product.domain}/${e.product.name}` : "/";
  switch (e.type) {
    case "access.requested":
      return {
        title:
          e.stage === "governance"
            ? `${e.requester.email}'s request for ${p} was approved by its owners and needs governance's approval`
            : `${e.requester.email} requests access to ${p}`,
        link: "/access/inbox",
      };
    case "access.decided":
      return {
        title:
          e.decision === "approved"
            ? `Your access to ${p} was approved${e.expiresAt ? ` until ${e.expiresAt.slice(0, 10)}` : ""}`
            : `Your access request for ${p} was denied`,
        link: "/access",
      };
    case "access.expiring":
      return { title: `Your access to ${p} expires on ${e.expiresAt.slice(0, 10)}`, link: "/access" };
    case "validation.failing":
      return { title: `${p} fails validation (${e.errors} error${e.errors === 1 ? "" : "s"}) after a policy change`, link: page };
    case "quality.check_failed":
      return {
        title: `Quality check of ${p} failed: ${e.failures.map((f) => `${f.metric} ${pct(f.score)} < ${pct(f.threshold)}${f.datasets ? ` (dataset${f.datasets.length > 1 ? "s" : ""} ${f.datasets.join(", ")})` : ""}`).join(", ")}`,
        link: `${page}/quality`,
      };
    case "product.deprecated":
      return { title: `${p} was deprecated${e.sunsetOn ? `; it stops being served on ${e.sunsetOn}` : ""}`, link: page };
    case "product.retired":
      return { title: `${p} was retired: it is no longer served (${e.note})`, link: page };
    case "product.breaking_change":
      return { title: `${p} published breaking version ${e.toVersion} (was ${e.fromVersion})`, link: page };
    case "provisioning.failed":
      return { title: `Provisioning ${p} to ${e.environment} failed`, link: `${page}/deployments` };
    case "compliance.violation":
      return { title: `Compliance violation in ${p || e.domain}: ${e.message}`, link: e.product ? page : `/domains/${e.domain}` };
  }
}
