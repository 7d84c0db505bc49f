import { describe, expect, it } from "vitest";
import { healthProbeCron } from "@/lib/metrics/health-probe";

describe("healthProbeCron", () => {
  it("is off at 0 and never more often than cron's one minute", () => {
    expect(healthProbeCron(0)).toBeNull();
    expect(healthProbeCron(1)).toBe("*/1 * * * *");
    expect(healthProbeCron(60)).toBe("*/1 * * * *");
  });

  it("rounds to the nearest minute, then to the nearest hour, at most daily", () => {
    expect(healthProbeCron(300)).toBe("*/5 * * * *"); // the default
    expect(healthProbeCron(130)).toBe("*/2 * * * *");
    expect(healthProbeCron(3_600)).toBe("0 */1 * * *");
    expect(healthProbeCron(5_400)).toBe("0 */2 * * *");
    expect(healthProbeCron(86_400)).toBe("0 0 * * *");
  });
});
