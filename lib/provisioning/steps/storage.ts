// Storage: a schema per product and environment, and a table generated from the product's fields
// (see table-design.ts for the type mapping, primary key rule and what counts as breaking).
import "server-only";
import { describeTable, tablesInSchema } from "../catalog";
import { quoteIdent, quoteLiteral, schemaOwnerComment } from "../naming";
import { designTable, planStorage, reservedFieldNames } from "../table-design";
import { StepError, type StepImpl } from "./context";
import { ownSchemaExists } from "./own-schema";

export const provisionStorage: StepImpl = async ({ client, request, deployment, log }) => {
  const { schema, spec } = request;
  const reserved = reservedFieldNames(spec.schema);
  if (reserved.length > 0)
    throw new StepError(`Field names ${reserved.join(", ")} are reserved for the platform; rename them in the spec.`);

  if (await ownSchemaExists(client, schema, deployment.id)) {
    await log(`Schema ${schema} already exists`);
  } else {
    // No IF NOT EXISTS: a schema created meanwhile by someone else must fail here, not get our tag.
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(
      `COMMENT ON SCHEMA ${quoteIdent(schema)} IS ${quoteLiteral(schemaOwnerComment(deployment.id, `${spec.domain}/${spec.name} (${request.environment})`))}`,
    );
    await log(`Created schema ${schema}`);
  }

  const design = designTable(spec.schema);
  const currentName = deployment.schemaName === schema ? deployment.tableName : null;
  const current = currentName ? await describeTable(client, schema, currentName) : null;
  const taken = await tablesInSchema(client, schema);
  const plan = planStorage(schema, spec.name, spec.version, design, current, taken);
  for (const sql of plan.statements) await client.query(sql);
  for (const note of plan.notes) await log(note.charAt(0).toUpperCase() + note.slice(1));

  const previous = new Set(deployment.resources.previousTables ?? []);
  if (plan.action === "new_table" && current) previous.add(current.name);
  previous.delete(plan.table);
  return {
    output: { schema, table: plan.table, action: plan.action, primaryKey: design.primaryKey, changes: plan.notes },
    deployment: { schemaName: schema, tableName: plan.table, resources: { schema, table: plan.table, previousTables: [...previous] } },
  };
};

export const deprovisionStorage: StepImpl = async ({ client, deployment, request, log }) => {
  const schema = deployment.schemaName ?? request.schema;
  if (await ownSchemaExists(client, schema, deployment.id)) {
    const tables = await tablesInSchema(client, schema);
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await log(`Dropped schema ${schema} with ${tables.length} table(s): ${tables.join(", ") || "none"}`);
  } else {
    await log(`Schema ${schema} is already gone`);
  }
  return { output: { schema, dropped: true }, deployment: { tableName: null, resources: { table: null, previousTables: [] } } };
};
