import { describe, expect, it } from "vitest";
import { specPathAnchor } from "./spec-path-anchor";

describe("specPathAnchor", () => {
  it("points a finding at the control that edits its path", () => {
    expect(specPathAnchor("spec.access[1].role")).toBe("access-1-role");
    expect(specPathAnchor("spec.access[0].permissions[2]")).toBe("access-0-role");
    expect(specPathAnchor("spec.schema[3].pii")).toBe("field-3-pii");
    expect(specPathAnchor("spec.schema[3].type")).toBe("field-3-name");
    expect(specPathAnchor("spec.governance.retention")).toBe("retention-display");
    expect(specPathAnchor("spec.classification")).toBe("classification");
    expect(specPathAnchor("spec.slo.freshnessMinutes")).toBe("slo.freshnessMinutes");
  });
  it("has no anchor for what the form does not edit", () => {
    expect(specPathAnchor("context.qualityScores.accuracy")).toBeNull();
    expect(specPathAnchor("spec.unknown")).toBeNull();
  });
});
