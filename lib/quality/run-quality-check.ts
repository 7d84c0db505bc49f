// The on-demand "Run quality check": measures every dataset's provisioned table (production, else staging) and
// stores the run, the metrics pooled over the datasets (table-check.ts: poolDatasets) and rowsChecked their
// total. Products without an active deployment have no data to check, so this refuses.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { DataProductSpec, OdcsContract } from "@/lib/products";
import type { DeploymentResources } from "@/lib/provisioning";
import { qualityDatasets } from "@/lib/quality/datasets";
import { checkQuery, countsFrom, matchColumns, poolDatasets, type TableCounts } from "@/lib/quality/table-check";
import { tableColumns } from "@/lib/quality/table-columns";
import { recordQualityRun, type QualityRunResult } from "@/lib/quality/record-quality-run";

export async function runQualityCheck(user: CurrentUser, productIdInput: unknown): Promise<QualityRunResult> {
  // The id comes from a hidden input: anything but a uuid names no product.
  const productId = z.uuid().safeParse(productIdInput);
  if (!productId.success) throw new ValidationError("Unknown product.");
  const product = await db.dataProduct.findUnique({
    where: { id: productId.data },
    select: {
      id: true,
      name: true,
      spec: true,
      contract: true,
      domain: { select: { slug: true } },
      deployments: {
        where: { status: "active" },
        select: { environment: true, schemaName: true, tableName: true, resources: true },
      },
    },
  });
  if (!product) throw new NotFoundError("This data product does not exist.");
  await assertCan(user, "runQualityCheck", [{ domain: product.domain.slug }], {
    resource: productResource(product.domain.slug, product.name),
    message: "Only people who can edit this product can run its quality check.",
  });
  const deployment =
    product.deployments.find((d) => d.environment === "production" && d.schemaName && d.tableName) ??
    product.deployments.find((d) => d.schemaName && d.tableName);
  if (!deployment?.schemaName || !deployment.tableName) {
    throw new ValidationError("Provision the product first: the quality check measures its deployed table.");
  }
  const schema = deployment.schemaName;
  const datasets = qualityDatasets(product.spec as unknown as DataProductSpec, (product.contract ?? null) as OdcsContract | null, {
    table: deployment.tableName,
    resources: (deployment.resources ?? {}) as DeploymentResources,
  });
  const columnsOf = await tableColumns(
    schema,
    datasets.map((d) => d.table),
  );
  const measured: Array<{ key: string; counts: TableCounts }> = [];
  for (const d of datasets) {
    const columns = columnsOf.get(d.table) ?? [];
    if (columns.length === 0) {
      const which = datasets.length > 1 ? ` of dataset ${d.key}` : "";
      throw new ValidationError(`The deployed table${which} was not found; re-run provisioning.`);
    }
    const { present, typed } = matchColumns(d.fields, columns);
    const [row] = await db.$queryRawUnsafe<Array<Record<string, bigint | number | null>>>(checkQuery(schema, d.table, present));
    measured.push({ key: d.key, counts: countsFrom(d.fields, present, typed, row ?? {}) });
  }
  const { metrics: m, datasets: perDataset } = poolDatasets(measured);
  return recordQualityRun(
    product.id,
    { completeness: m.completeness, accuracy: m.accuracy, consistency: m.consistency },
    { rowsChecked: m.rows, ...(perDataset ? { datasets: perDataset } : {}) },
  );
}
