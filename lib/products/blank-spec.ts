// Starting points for the registration form: blank, or pre-filled from a platform template.
import type { DataProductSpec } from "@/lib/products/types";

export type TemplateDto = {
  key: string;
  name: string;
  description: string;
  version: number;
  retired: boolean;
  config: Record<string, unknown>;
  defaults: Partial<Pick<DataProductSpec, "classification" | "slo" | "tags" | "access" | "schema">>;
};

export function blankSpec(domain: string, owner: string): DataProductSpec {
  return {
    name: "",
    domain,
    owner,
    version: "0.1.0",
    description: "",
    classification: "internal",
    schema: [{ name: "id", type: "string", description: "Unique identifier", required: true, pii: false }],
    slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 60 },
    access: [{ role: "data_consumer", permissions: ["read"] }],
    lineage: { sources: [], transformations: [] },
    tags: [],
    governance: { encryption: true, erasure: false },
  };
}

export function specFromTemplate(t: TemplateDto, domain: string, owner: string): DataProductSpec {
  const base = blankSpec(domain, owner);
  return {
    ...base,
    ...t.defaults,
    slo: { ...base.slo, ...t.defaults.slo },
    template: { key: t.key, version: t.version },
  };
}
