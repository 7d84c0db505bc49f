import { describe, expect, it } from "vitest";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import {
  domainDraftFromSpec,
  domainDraftToFormData,
  domainSpecFromForm,
  globalDraftFromSpec,
  globalDraftToFormData,
  globalSpecFromForm,
} from "./form";
import { domainPolicySpecSchema, globalPolicySchema } from "./schema";

describe("global policy form", () => {
  it("round-trips the seed's policy: spec → draft → form data → spec", () => {
    const spec = seedGlobal();
    const fd = globalDraftToFormData(globalDraftFromSpec(spec));
    expect(globalPolicySchema.parse(globalSpecFromForm(fd))).toEqual(spec);
  });

  it("maps edits the way a user types them", () => {
    const draft = globalDraftFromSpec(seedGlobal());
    draft.data_quality[0].threshold = " 96.5% ";
    draft.compliance[0].requirements.push({ name: "breach_notification", applies: true }, { name: "  ", applies: true });
    draft.compliance[1].requirements[2].applies = false;
    draft.locked = ["data_classification", "quality_requirements.accuracy"];
    draft.domain_overrides_allowed = false;
    draft.quality_requirements.availability = "99";
    const spec = globalPolicySchema.parse(globalSpecFromForm(globalDraftToFormData(draft)));
    expect(spec.data_quality[0]).toEqual({ metric: "completeness", threshold: 96.5, enforcement: "warning" });
    expect(spec.compliance[0].requirements).toEqual({
      data_minimization: true,
      right_to_erasure: true,
      data_portability: true,
      breach_notification: true,
    });
    expect(spec.compliance[1].requirements.opt_out).toBe(false);
    expect(spec.locked).toEqual(["data_classification", "quality_requirements.accuracy"]);
    expect(spec.domain_overrides_allowed).toBe(false);
    expect(spec.quality_requirements).toEqual({ availability: 99 });
    expect(spec.data_retention).toBeUndefined();
  });

  it("passes bad values through so the schema names the field", () => {
    const draft = globalDraftFromSpec(seedGlobal());
    draft.data_quality[1].threshold = "150";
    draft.data_classification[3].retention = "forever";
    const result = globalPolicySchema.safeParse(globalSpecFromForm(globalDraftToFormData(draft)));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["data_quality.1.threshold", "data_classification.3.retention"]));
  });

  it("keeps an empty rule list so the schema can refuse it", () => {
    const draft = globalDraftFromSpec(seedGlobal());
    draft.access_control = [];
    const result = globalPolicySchema.safeParse(globalSpecFromForm(globalDraftToFormData(draft)));
    expect(result.error?.issues[0]).toMatchObject({ path: ["access_control"], message: "must define at least one role" });
  });
});

describe("domain policy form", () => {
  it("round-trips the seed's sales policy", () => {
    const { domain: _slug, ...spec } = seedDomain("sales");
    const fd = domainDraftToFormData(domainDraftFromSpec(spec));
    expect(domainPolicySpecSchema.parse(domainSpecFromForm(fd))).toEqual(spec);
  });

  it("drops empty inputs and sends only the overrides that are switched on", () => {
    const draft = domainDraftFromSpec(null);
    draft.quality_requirements.freshness = "15_minutes";
    draft.quality_requirements.completeness = "99";
    draft.overrides.data_quality = [{ metric: "accuracy", threshold: "99", enforcement: "error" }];
    const wire = domainSpecFromForm(domainDraftToFormData(draft));
    expect(wire).toEqual({
      quality_requirements: { completeness: "99", freshness: "15_minutes" },
      overrides: { data_quality: [{ metric: "accuracy", threshold: "99", enforcement: "error" }] },
    });
    expect(domainPolicySpecSchema.parse(wire)).toEqual({
      quality_requirements: { completeness: 99, freshness: "15_minutes" },
      overrides: { data_quality: [{ metric: "accuracy", threshold: 99, enforcement: "error" }] },
    });
  });

  it('reports retention "forever" at its field', () => {
    const draft = domainDraftFromSpec(null);
    draft.data_retention = "forever";
    const result = domainPolicySpecSchema.safeParse(domainSpecFromForm(domainDraftToFormData(draft)));
    expect(result.error?.issues[0].path).toEqual(["data_retention"]);
    expect(result.error?.issues[0].message).toContain("forever");
  });
});
