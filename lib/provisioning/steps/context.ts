// What a step gets to work with, and what it hands back. A step runs inside one transaction on the
// job's own connection; its outcome is written in that same transaction, so a step either happened
// completely (and is recorded as succeeded) or not at all.
import type { PgClient } from "@/lib/pg";
import type { DeploymentResources, JobKindName, ProvisionRequest, StepName } from "../types";

export type StepContext = {
  client: PgClient;
  jobId: string;
  kind: JobKindName;
  request: ProvisionRequest;
  deployment: { id: string; environment: string; schemaName: string | null; tableName: string | null; resources: DeploymentResources };
  log: (message: string, level?: "info" | "warn") => Promise<void>;
};

export type StepOutcome = {
  output: Record<string, unknown>;
  /** Columns of the deployment to set; `resources` is merged key by key (null removes a key). */
  deployment?: { schemaName?: string | null; tableName?: string | null; serviceUrl?: string | null; resources?: ResourcePatch };
};

export type ResourcePatch = { [K in keyof DeploymentResources]?: DeploymentResources[K] | null };

export type StepImpl = (ctx: StepContext) => Promise<StepOutcome>;
export type StepTable = Record<StepName, StepImpl>;

/** An expected failure whose message is safe and useful to show the product owner. */
export class StepError extends Error {}
