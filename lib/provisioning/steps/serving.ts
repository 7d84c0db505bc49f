// Serving: a stable view named after the product over its current table (consumers and the read
// endpoint never need to know table versions) and the read endpoint's URL.
import "server-only";
import { describeTable } from "../catalog";
import { qualified, quoteIdent } from "../naming";
import { StepError, type StepImpl } from "./context";
import { ownSchemaExists } from "./own-schema";
import { createMaskedViewSql, maskedViewNameFor } from "../masking";

export const provisionServing: StepImpl = async ({ client, request, deployment, log }) => {
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
  await log(`Read endpoint: GET ${endpoints.read}`);
  return {
    output: { view: `${schema}.${view}`, table, endpoint: endpoints.read },
    deployment: { serviceUrl: endpoints.read, resources: { view, maskedView: maskedViewNameFor(view), readEndpoint: endpoints.read } },
  };
};

export const deprovisionServing: StepImpl = async ({ client, request, deployment, log }) => {
  const schema = deployment.schemaName ?? request.schema;
  const view = deployment.resources.view ?? request.view;
  if (await ownSchemaExists(client, schema, deployment.id)) {
    await client.query(`DROP VIEW IF EXISTS ${quoteIdent(schema)}.${quoteIdent(maskedViewNameFor(view))}`);
    await client.query(`DROP VIEW IF EXISTS ${quoteIdent(schema)}.${quoteIdent(view)}`);
  }
  await log("Removed the serving view and the read endpoint");
  return {
    output: { view, removed: true },
    deployment: { serviceUrl: null, resources: { view: null, maskedView: null, readEndpoint: null } },
  };
};
