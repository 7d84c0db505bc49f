// What the monitoring rules look at: every active deployment that has a table, with its product.
import "server-only";
import { db } from "@/lib/db";
import type { DataProductSpec, OdcsContract } from "@/lib/products";
import type { DeploymentResources, ProvisionRequest } from "@/lib/provisioning";

export type ProvisionedTable = {
  deploymentId: string;
  environment: string;
  schema: string;
  table: string;
  resources: DeploymentResources;
  /** The spec the deployment's last successful job applied (its access roles and classification), if any. */
  provisionedSpec: DataProductSpec | null;
  product: {
    id: string;
    name: string;
    domainId: string;
    domain: string;
    classification: string;
    spec: DataProductSpec;
    contract: OdcsContract | null;
  };
};

export async function provisionedTables(opts: { productIds?: string[] } = {}): Promise<ProvisionedTable[]> {
  const rows = await db.deployment.findMany({
    where: {
      status: "active",
      schemaName: { not: null },
      tableName: { not: null },
      ...(opts.productIds ? { productId: { in: opts.productIds } } : {}),
    },
    orderBy: [{ productId: "asc" }, { environment: "asc" }],
    select: {
      id: true,
      environment: true,
      schemaName: true,
      tableName: true,
      resources: true,
      jobs: {
        where: { status: "succeeded", kind: { in: ["provision", "promote"] } },
        orderBy: { finishedAt: "desc" },
        take: 1,
        select: { spec: true },
      },
      product: {
        select: {
          id: true,
          name: true,
          domainId: true,
          classification: true,
          spec: true,
          contract: true,
          domain: { select: { slug: true } },
        },
      },
    },
  });
  return rows.map((d) => ({
    deploymentId: d.id,
    environment: d.environment,
    schema: d.schemaName!,
    table: d.tableName!,
    resources: (d.resources ?? {}) as DeploymentResources,
    provisionedSpec: ((d.jobs[0]?.spec ?? null) as ProvisionRequest | null)?.spec ?? null,
    product: {
      id: d.product.id,
      name: d.product.name,
      domainId: d.product.domainId,
      domain: d.product.domain.slug,
      classification: d.product.classification,
      spec: d.product.spec as unknown as DataProductSpec,
      contract: (d.product.contract ?? null) as OdcsContract | null,
    },
  }));
}

/** The tables of a deployment that hold its rows: the current one and the older versions kept readable. */
export const dataTables = (t: ProvisionedTable): string[] => [t.table, ...(t.resources.previousTables ?? [])];
