// Template rows ↔ form values (the YAML box holds the processing template's overrides).
import { stringify } from "yaml";
import type { TemplateDto } from "@/lib/products/blank-spec";
import type { TemplateFormValues } from "../components/template-form";

export function templateFormValues(t: TemplateDto | null, firstProcessing: string): TemplateFormValues {
  const c = (t?.config ?? {}) as Record<string, unknown>;
  const { type, ...overrides } = (c.processing_template ?? {}) as { type?: string } & Record<string, unknown>;
  const d = t?.defaults ?? {};
  return {
    key: t?.key ?? "",
    name: t?.name ?? "",
    description: t?.description ?? "",
    storage: String(c.storage ?? "data_lake"),
    processing: String(c.processing ?? "spark"),
    serving: String(c.serving ?? "rest_api"),
    governance: String(c.governance ?? "standard"),
    processingTemplate: type ?? firstProcessing,
    processingSettings: Object.keys(overrides).length > 0 ? stringify(overrides) : "",
    classification: d.classification ?? "internal",
    availability: String(d.slo?.availability ?? 99.5),
    latencyMs: String(d.slo?.latencyMs ?? 200),
    freshnessMinutes: String(d.slo?.freshnessMinutes ?? 60),
    tags: (d.tags ?? []).join(", "),
  };
}
