// Resolves what a provisioning job will apply: names, the template's settings and processing
// template, the grants the effective policy allows, the endpoints and the Terraform plan. Done once,
// when the job is requested; the job stores the result.
import "server-only";
import { db, portalDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { loadPolicyContexts, validateProductById } from "@/lib/governance/server";
import { getPlatformConfig } from "@/lib/platform/server";
import { pipelineFrom } from "@/lib/platform";
import { projectDatasets, type DataProductSpec, type OdcsContract } from "@/lib/products";
import { requestDatasets } from "./datasets";
import { computeGrants } from "./grants";
import { schemaNameFor, viewNameFor, type EnvironmentName } from "./naming";
import type { OwnedProduct } from "./owned-product";
import { DEFAULT_SETTINGS, terraformPlan, type TemplateSettings } from "./terraform-plan";
import type { DeploymentResources, ProvisionRequest } from "./types";

export function endpointsFor(domain: string, name: string, environment: EnvironmentName): ProvisionRequest["endpoints"] {
  const base = env().PUBLIC_URL?.replace(/\/$/, "") ?? "";
  return {
    read: `${base}/api/data/${domain}/${name}?env=${environment}`,
    ingest: `${base}/api/ingest/${domain}/${name}?env=${environment}`,
  };
}

/**
 * Refuses a product whose current spec fails governance validation (validated afresh, and recorded).
 * `ignoreQuality` (staging): findings about measured quality do not block, because re-measuring quality
 * needs a provisioned table; production stays gated on them.
 */
export async function assertPassesGovernance(
  productId: string,
  userId: string,
  action: string,
  opts: { ignoreQuality?: boolean } = {},
): Promise<void> {
  const validation = await validateProductById(productId, { trigger: "manual", userId });
  const errors = validation.findings.filter((f) => f.severity === "error" && !(opts.ignoreQuality && f.ruleId.startsWith("quality.")));
  if (errors.length > 0) {
    const first = errors.slice(0, 3).map((f) => f.message);
    throw new ValidationError(
      `This product fails governance validation (${errors.length} error${errors.length === 1 ? "" : "s"}), so it cannot be ${action}. Fix: ${first.join(" ")}`,
      { product: first },
    );
  }
}

function settingsOf(config: Record<string, unknown> | undefined): TemplateSettings {
  const pick = (k: keyof TemplateSettings) => (typeof config?.[k] === "string" ? (config[k] as string) : DEFAULT_SETTINGS[k]);
  return { storage: pick("storage"), processing: pick("processing"), serving: pick("serving"), governance: pick("governance") };
}

/** Specs saved before validation refused it may still spell one role twice; never let one grant undo the other. */
function assertDistinctRoles(grants: readonly { accessRole: string; roleName: string }[]): void {
  const seen = new Map<string, string>();
  for (const g of grants) {
    const earlier = seen.get(g.roleName);
    if (earlier !== undefined) {
      const message = `Roles ${earlier} and ${g.accessRole} would be the same database role (${g.roleName}); keep one spelling in the spec.`;
      throw new ValidationError(message, { access: [message] });
    }
    seen.set(g.roleName, g.accessRole);
  }
}

/**
 * A deployment keeps the schema it was provisioned into and its roles (recorded by the storage and
 * governance steps), whatever the naming rule says today: deployments made under an older rule keep working. Only a new deployment, or
 * one deprovisioned (nothing left), gets a name from the current rule.
 */
async function namesOf(product: OwnedProduct, environment: EnvironmentName): Promise<{ schema: string; roles: Map<string, string> }> {
  const existing = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment } },
    select: { status: true, schemaName: true, resources: true },
  });
  if (existing?.schemaName && existing.status !== "deprovisioned") {
    const roles = (existing.resources as DeploymentResources).roles ?? [];
    return { schema: existing.schemaName, roles: new Map(roles.map((r) => [r.accessRole, r.roleName])) };
  }
  return { schema: schemaNameFor(product.domain, product.name, environment), roles: new Map() };
}

/**
 * The product's datasets: the first is `spec.schema` (what the form and governance work on), the others come from
 * the declared contract (a seed-format product has none).
 */
async function datasetsOf(product: OwnedProduct, spec: DataProductSpec, staged?: Pick<ProvisionRequest, "firstDataset" | "datasets">) {
  // Promotion takes exactly what staging was provisioned with, as it does for the spec.
  if (staged) return { first: staged.firstDataset ?? requestDatasets(spec.name, []).first, others: staged.datasets ?? [] };
  const row = await db.dataProduct.findUnique({ where: { id: product.id }, select: { contract: true } });
  const contract = row?.contract as OdcsContract | null | undefined;
  return requestDatasets(spec.name, contract ? projectDatasets(contract) : []);
}

export async function buildRequest(
  product: OwnedProduct,
  spec: DataProductSpec,
  environment: EnvironmentName,
  /** Promotion: the staging job's request, whose datasets go to production unchanged. */
  staged?: Pick<ProvisionRequest, "firstDataset" | "datasets">,
): Promise<{ request: ProvisionRequest; plan: Record<string, unknown> }> {
  const settings = settingsOf(product.template?.config);
  const processingRef = (product.template?.config.processing_template ?? { type: "etl" }) as Record<string, unknown>;
  const { type: processingKey = "etl", ...overrides } = processingRef as { type?: string } & Record<string, unknown>;
  const processing = await db.processingTemplate.findUnique({
    where: { key: String(processingKey) },
    select: { key: true, version: true, config: true },
  });
  if (!processing) {
    throw new ValidationError(
      `The processing template ${String(processingKey)} of this product's template does not exist; ask a platform admin.`,
    );
  }
  const pipeline = pipelineFrom(
    { key: processing.key, version: processing.version, config: processing.config as Record<string, unknown> },
    overrides,
  );
  const policy = (await loadPolicyContexts())(product.domain).policy;
  const { schema, roles } = await namesOf(product, environment);
  const grants = computeGrants(schema, spec.access, spec.classification, policy.access_control, {
    database: await portalDatabase(),
    existing: roles,
  });
  assertDistinctRoles(grants);
  const datasets = await datasetsOf(product, spec, staged);
  const request: ProvisionRequest = {
    spec,
    environment,
    schema,
    view: viewNameFor(product.name),
    settings,
    template: product.template ? { key: product.template.key, version: product.template.version } : null,
    pipeline,
    grants,
    endpoints: endpointsFor(product.domain, product.name, environment),
    firstDataset: datasets.first,
    ...(datasets.others.length > 0 ? { datasets: datasets.others } : {}),
  };
  const platform = (await getPlatformConfig()).document.spec;
  const plan = terraformPlan({
    spec,
    environment,
    settings,
    platform,
    pipeline: { type: pipeline.type, schedule: pipeline.schedule },
    grants,
    datasets: datasets.others,
  });
  return { request, plan };
}
