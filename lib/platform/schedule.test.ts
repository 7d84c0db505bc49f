import { describe, expect, it } from "vitest";
import { isDue, scheduleCron } from "./schedule";

describe("schedules", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("runs periodic pipelines once their period has passed", () => {
    expect(isDue("daily", null, now)).toBe(true);
    expect(isDue("daily", new Date("2026-03-10T00:00:00Z"), now)).toBe(false);
    expect(isDue("daily", new Date("2026-03-09T11:59:59Z"), now)).toBe(true);
    expect(isDue("hourly", new Date("2026-03-10T11:30:00Z"), now)).toBe(false);
  });
  it("never schedules manual or continuous pipelines", () => {
    expect(isDue("manual", null, now)).toBe(false);
    expect(isDue("continuous", null, now)).toBe(false);
    expect(scheduleCron("manual")).toBeNull();
    expect(scheduleCron("daily")).toEqual({ quartz: "0 0 2 * * ?", unix: "0 2 * * *" });
  });
});
