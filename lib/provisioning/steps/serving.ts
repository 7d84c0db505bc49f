// Serving: a stable view named after the product over its current table (consumers and the read
// endpoint never need to know table versions) and the read endpoint's URL; the same pair of views for each
// other dataset of the contract (datasets.ts).
import "server-only";
import { describeTable } from "../catalog";
import { qualified, quoteIdent } from "../naming";
import { StepError, type StepContext, type StepImpl } from "./context";
import type { DatasetResources } from "../datasets";
import { ownSchemaExists } from "./own-schema";
import { createMaskedViewSql, maskedViewNameFor } from "../masking";

export const provisionServing: StepImpl = async (ctx) => {
  const { client, request, deployment, log } = ctx;
  const { schema, view, endpoints } = request;
  const table = deployment.tableName;
  if (!table || !(await describeTable(client, schema, table)))
    throw new StepError("There is no table to serve; run the storage step first.");
  const columns = [...request.spec.schema.map((f) => f.name), "_loaded_at"].map(quoteIdent).join(", ");
  // DROP + CREATE rather than CREATE OR REPLACE: a new table version may have other columns. The masked
  // view depends on the view, so it goes first and comes back after (the governance step grants on both).
  await client.query(`DROP VIEW IF EXISTS ${qualified(schema, maskedViewNameFor(view))}`);
  await client.query(`DROP VIEW IF EXISTS ${qualified(schema, view)}`);
  await client.query(`CREATE VIEW ${qualified(schema, view)} AS SELECT ${columns} FROM ${qualified(schema, table)}`);
  for (const sql of createMaskedViewSql(schema, view, request.spec.schema)) await client.query(sql);
  const pii = request.spec.schema.filter((f) => f.pii).map((f) => f.name);
  await log(`View ${schema}.${view} serves table ${table}`);
  await log(`View ${schema}.${maskedViewNameFor(view)} masks ${pii.length > 0 ? pii.join(", ") : "no field (none is marked PII)"}`);
  const datasets = await serveOtherDatasets(ctx);
  await log(`Read endpoint: GET ${endpoints.read}`);
  return {
    output: {
      view: `${schema}.${view}`,
      table,
      endpoint: endpoints.read,
      ...(datasets.output.length > 0 ? { datasets: datasets.output } : {}),
    },
    deployment: {
      serviceUrl: endpoints.read,
      resources: {
        view,
        maskedView: maskedViewNameFor(view),
        readEndpoint: endpoints.read,
        ...(datasets.resources ? { datasets: datasets.resources } : {}),
      },
    },
  };
};

/** The same pair of views for each of the contract's other datasets; a dataset no longer in it loses its views. */
async function serveOtherDatasets({ client, request, deployment, log }: StepContext) {
  const { schema } = request;
  const had = deployment.resources.datasets ?? {};
  const wanted = request.datasets ?? [];
  if (wanted.length === 0 && Object.keys(had).length === 0) return { output: [], resources: null };
  const resources: Record<string, DatasetResources> = {};
  const output: Record<string, unknown>[] = [];
  for (const [key, r] of Object.entries(had)) {
    if (wanted.some((d) => d.key === key) || !r.view) {
      resources[key] = r;
      continue;
    }
    await client.query(`DROP VIEW IF EXISTS ${qualified(schema, maskedViewNameFor(r.view))}`);
    await client.query(`DROP VIEW IF EXISTS ${qualified(schema, r.view)}`);
    await log(`Dataset ${key} is no longer in the contract: removed its views (its table ${r.table ?? "-"} stays until deprovisioning)`);
    resources[key] = { ...(r.table ? { table: r.table } : {}), previousTables: r.previousTables ?? [] };
  }
  for (const d of wanted) {
    const table = had[d.key]?.table;
    if (!table || !(await describeTable(client, schema, table)))
      throw new StepError(`There is no table for dataset ${d.name} to serve; run the storage step first.`);
    const columns = [...d.fields.map((f) => f.name), "_loaded_at"].map(quoteIdent).join(", ");
    const masked = maskedViewNameFor(d.view);
    await client.query(`DROP VIEW IF EXISTS ${qualified(schema, masked)}`);
    await client.query(`DROP VIEW IF EXISTS ${qualified(schema, d.view)}`);
    await client.query(`CREATE VIEW ${qualified(schema, d.view)} AS SELECT ${columns} FROM ${qualified(schema, table)}`);
    for (const sql of createMaskedViewSql(schema, d.view, d.fields)) await client.query(sql);
    const pii = d.fields.filter((f) => f.pii).map((f) => f.name);
    await log(`Dataset ${d.key}: view ${schema}.${d.view} serves table ${table}`);
    await log(`Dataset ${d.key}: view ${schema}.${masked} masks ${pii.length > 0 ? pii.join(", ") : "no field (none is marked PII)"}`);
    resources[d.key] = { ...had[d.key], view: d.view, maskedView: masked };
    output.push({ dataset: d.key, view: `${schema}.${d.view}`, table });
  }
  return { output, resources };
}

export const deprovisionServing: StepImpl = async ({ client, request, deployment, log }) => {
  const schema = deployment.schemaName ?? request.schema;
  const view = deployment.resources.view ?? request.view;
  const others = Object.values(deployment.resources.datasets ?? {}).flatMap((d) => (d.view ? [d.view] : []));
  if (await ownSchemaExists(client, schema, deployment.id)) {
    for (const v of [view, ...others]) {
      await client.query(`DROP VIEW IF EXISTS ${quoteIdent(schema)}.${quoteIdent(maskedViewNameFor(v))}`);
      await client.query(`DROP VIEW IF EXISTS ${quoteIdent(schema)}.${quoteIdent(v)}`);
    }
  }
  await log(`Removed the serving view${others.length > 0 ? `s (${others.length + 1} datasets)` : ""} and the read endpoint`);
  const datasets = Object.fromEntries(
    Object.entries(deployment.resources.datasets ?? {}).map(([key, d]) => [
      key,
      { ...(d.table ? { table: d.table } : {}), previousTables: d.previousTables ?? [] },
    ]),
  );
  return {
    output: { view, removed: true },
    deployment: {
      serviceUrl: null,
      resources: { view: null, maskedView: null, readEndpoint: null, ...(others.length > 0 ? { datasets } : {}) },
    },
  };
};
