// Shapes shared by the provisioning services, the worker and the UI.
import type { DataProductSpec } from "@/lib/products";
import type { PipelineDefinition } from "@/lib/platform";
import type { DatasetRequest, DatasetResources } from "./datasets";
import type { RoleGrant } from "./grants";
import type { EnvironmentName } from "./naming";
import type { TemplateSettings } from "./terraform-plan";

export const PROVISION_STEPS = ["storage", "processing", "serving", "governance"] as const;
export const DEPROVISION_STEPS = ["governance", "serving", "processing", "storage"] as const;
export type StepName = (typeof PROVISION_STEPS)[number];
export type JobKindName = "provision" | "deprovision" | "promote";

// Promotion runs the provisioning steps against production, so both kinds share one set of labels.
const PROVISION_LABELS: Record<StepName, string> = {
  storage: "Storage: schema and table",
  processing: "Processing: pipeline and ingestion endpoint",
  serving: "Serving: view and read endpoint",
  governance: "Governance: roles and grants",
};

export const STEP_LABELS: Record<JobKindName, Record<StepName, string>> = {
  provision: PROVISION_LABELS,
  promote: PROVISION_LABELS,
  deprovision: {
    governance: "Governance: revoke grants, drop roles",
    serving: "Serving: remove view and endpoint",
    processing: "Processing: remove pipeline",
    storage: "Storage: drop schema and tables",
  },
};

export function stepsFor(kind: JobKindName): readonly StepName[] {
  return kind === "deprovision" ? DEPROVISION_STEPS : PROVISION_STEPS;
}

/**
 * Everything a job applies, resolved when it is requested (ProvisioningJob.spec), so a resumed or
 * retried job does exactly what was asked even if the policy or template changed meanwhile.
 */
export type ProvisionRequest = {
  spec: DataProductSpec;
  environment: EnvironmentName;
  schema: string;
  view: string;
  settings: TemplateSettings;
  template: { key: string; version: number } | null;
  pipeline: PipelineDefinition;
  grants: RoleGrant[];
  endpoints: { read: string; ingest: string };
  /** The first dataset's key and declared name (`?dataset=`); absent in jobs requested before datasets. */
  firstDataset?: { key: string; name: string };
  /** The contract's other datasets, each provisioned like the first (datasets.ts); absent: none. */
  datasets?: DatasetRequest[];
};

/** What a deployment holds (Deployment.resources), kept up to date by the steps. */
export type DeploymentResources = {
  schema?: string;
  table?: string;
  previousTables?: string[];
  view?: string;
  /** The serving view with PII fields masked (lib/provisioning/masking.ts). */
  maskedView?: string;
  roles?: { accessRole: string; roleName: string; privileges: string[] }[];
  pipelineId?: string;
  readEndpoint?: string;
  ingestEndpoint?: string;
  /** The contract's other datasets by key: their tables, older tables and views (the first's are above). */
  datasets?: Record<string, DatasetResources>;
};

export type LogLine = { at: string; level: "info" | "warn" | "error"; message: string };
