import { describe, expect, it } from "vitest";
import { EVENT_LABELS, EVENT_TYPES, describeEvent, isEventType } from "./types";

const product = { id: "p", domain: "sales", name: "orders" };

describe("event descriptions", () => {
  it("every event type has a label", () => {
    for (const t of EVENT_TYPES) expect(EVENT_LABELS[t]).toBeTruthy();
    expect(isEventType("access.requested")).toBe(true);
    expect(isEventType("nope")).toBe(false);
  });

  it("names the product and leads to the page where the person acts", () => {
    expect(
      describeEvent({
        type: "access.requested",
        product,
        requestId: "r",
        requester: { id: "u", email: "carla@x" },
        purpose: "p",
        stage: "owners",
      }),
    ).toEqual({ title: "carla@x requests access to sales/orders", link: "/access/inbox" });
    expect(describeEvent({ type: "product.deprecated", product, sunsetOn: "2027-01-31", note: "n" })).toEqual({
      title: "sales/orders was deprecated; it stops being served on 2027-01-31",
      link: "/products/sales/orders",
    });
    expect(
      describeEvent({ type: "quality.check_failed", product, score: 80, failures: [{ metric: "accuracy", score: 90.5, threshold: 99 }] })
        .title,
    ).toBe("Quality check of sales/orders failed: accuracy 90.5% < 99%");
    expect(
      describeEvent({
        type: "quality.check_failed",
        product,
        score: 80,
        failures: [{ metric: "completeness", score: 90, threshold: 95, datasets: ["customers"] }],
      }).title,
    ).toBe("Quality check of sales/orders failed: completeness 90% < 95% (dataset customers)");
    expect(
      describeEvent({
        type: "compliance.violation",
        domain: "sales",
        product: null,
        rule: "retention",
        message: "rows too old",
        violationId: null,
      }),
    ).toEqual({ title: "Compliance violation in sales: rows too old", link: "/domains/sales" });
  });
});
