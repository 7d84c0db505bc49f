// The on-demand "Run quality check": measures the product's provisioned table (production, else staging)
// and stores the run. Products without an active deployment have no data to check, so this refuses.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { DataProductSpec } from "@/lib/products";
import { checkQuery, matchColumns, metricsFromCounts, type TableColumn } from "@/lib/quality/table-check";
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
      domain: { select: { slug: true } },
      deployments: { where: { status: "active" }, select: { environment: true, schemaName: true, tableName: true } },
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
  const fields = ((product.spec as unknown as DataProductSpec).schema ?? []).map((f) => ({
    name: f.name,
    type: f.type,
    physicalType: f.physicalType,
  }));
  const columns = await db.$queryRaw<TableColumn[]>`
    SELECT column_name AS name, data_type AS "dataType" FROM information_schema.columns
    WHERE table_schema = ${deployment.schemaName} AND table_name = ${deployment.tableName}`;
  if (columns.length === 0) throw new ValidationError("The deployed table was not found; re-run provisioning.");
  const { present, typed } = matchColumns(fields, columns);
  const [row] = await db.$queryRawUnsafe<Array<Record<string, bigint | number | null>>>(
    checkQuery(deployment.schemaName, deployment.tableName, present),
  );
  const m = metricsFromCounts(fields, present, typed, row ?? {});
  return recordQualityRun(
    product.id,
    { completeness: m.completeness, accuracy: m.accuracy, consistency: m.consistency },
    { rowsChecked: m.rows },
  );
}
