import { describe, expect, it } from "vitest";
import { addDays, buckets, coverRange, eachDay, parseRange, previousPeriod, weekStart } from "@/lib/metrics/period";

const today = new Date("2026-06-30T15:00:00Z");

describe("parseRange", () => {
  it("reads presets ending today", () => {
    expect(parseRange({ range: "30d" }, today)).toEqual({ from: "2026-06-01", to: "2026-06-30", days: 30, preset: "30d" });
  });
  it("falls back to 90 days on unknown input", () => {
    expect(parseRange({ range: "7y", from: "2026-02-30", to: "x" }, today).preset).toBe("90d");
  });
  it("accepts custom ranges, swapping reversed dates and capping at today", () => {
    expect(parseRange({ from: "2026-05-10", to: "2026-04-01" }, today)).toMatchObject({
      from: "2026-04-01",
      to: "2026-05-10",
      days: 40,
      preset: "custom",
    });
    expect(parseRange({ from: "2026-06-01", to: "2027-01-01" }, today).to).toBe("2026-06-30");
  });
  it("gives the previous period of the same length", () => {
    const r = parseRange({ range: "30d" }, today);
    expect(previousPeriod(r)).toMatchObject({ from: "2026-05-02", to: "2026-05-31", days: 30 });
  });
});

describe("buckets", () => {
  it("starts weeks on Monday and months on the 1st", () => {
    expect(weekStart("2026-06-28")).toBe("2026-06-22");
    expect(buckets("2026-01-15", "2026-03-02", "month")).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
  });
});

describe("coverRange", () => {
  it("tiles a range exactly with months, weeks and days", () => {
    for (const [from, to] of [
      ["2025-11-28", "2026-11-27"],
      ["2026-01-01", "2026-01-31"],
      ["2026-02-25", "2026-03-10"],
      ["2026-06-03", "2026-06-03"],
    ]) {
      const c = coverRange(from, to);
      const days = new Set<string>();
      const add = (d: string) => {
        expect(days.has(d), `${d} covered twice`).toBe(false);
        days.add(d);
      };
      for (const m of c.months) for (let d = m; d.slice(0, 7) === m.slice(0, 7); d = addDays(d, 1)) add(d);
      for (const w of c.weeks) for (let i = 0; i < 7; i++) add(addDays(w, i));
      for (const d of c.days) add(d);
      expect([...days].sort()).toEqual(eachDay(from, to));
    }
  });
  it("uses whole months for a year", () => {
    const c = coverRange("2025-11-28", "2026-11-27");
    expect(c.months.length).toBe(11);
    expect(c.weeks.length + c.days.length).toBeLessThanOrEqual(14);
  });
});

describe("series buckets", () => {
  it("starts weeks on Monday, so a range's first week may begin before it", () => {
    expect(buckets("2026-03-04", "2026-03-22", "week")).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
  });
});
