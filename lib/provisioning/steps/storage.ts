// Storage: a schema per product and environment, and a table generated from the product's fields
// (see table-design.ts for the type mapping, primary key rule and what counts as breaking), and one more per
// other dataset of the contract (datasets.ts), planned the same way.
import "server-only";
import { describeTable, tablesInSchema } from "../catalog";
import { quoteIdent, quoteLiteral, schemaOwnerComment } from "../naming";
import { designTable, planStorage, reservedFieldNames } from "../table-design";
import { StepError, type StepContext, type StepImpl } from "./context";
import type { DatasetResources } from "../datasets";
import { maskedViewNameFor } from "../masking";
import { ownSchemaExists } from "./own-schema";

export const provisionStorage: StepImpl = async (ctx) => {
  const { client, request, deployment, log } = ctx;
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
  const others = await provisionOtherDatasets(ctx, [...taken, plan.table]);
  return {
    output: {
      schema,
      table: plan.table,
      action: plan.action,
      primaryKey: design.primaryKey,
      changes: plan.notes,
      ...(others.output.length > 0 ? { datasets: others.output } : {}),
    },
    deployment: {
      schemaName: schema,
      tableName: plan.table,
      resources: { schema, table: plan.table, previousTables: [...previous], ...(others.resources ? { datasets: others.resources } : {}) },
    },
  };
};

/**
 * The contract's other datasets, each exactly like the first: a table from its fields, migrated in place when
 * compatible, a new versioned table (the old one kept, readable) on a breaking change. A dataset no longer in
 * the contract keeps its record (its table stays until deprovisioning; the serving step removes its views).
 */
async function provisionOtherDatasets(ctx: StepContext, tablesTaken: string[]) {
  const { client, request, deployment, log } = ctx;
  const { schema, spec } = request;
  const datasets = request.datasets ?? [];
  const had = deployment.schemaName === schema ? (deployment.resources.datasets ?? {}) : {};
  if (datasets.length === 0 && Object.keys(had).length === 0) return { output: [], resources: null };
  // Views are never a table's name (datasets.ts keeps keys apart; this makes sure).
  const taken = [...tablesTaken, ...datasets.flatMap((d) => [d.view, maskedViewNameFor(d.view)])];
  const resources: Record<string, DatasetResources> = { ...had };
  const output: Record<string, unknown>[] = [];
  for (const d of datasets) {
    const reserved = reservedFieldNames(d.fields);
    if (reserved.length > 0)
      throw new StepError(
        `Field names ${reserved.join(", ")} of dataset ${d.name} are reserved for the platform; rename them in the contract.`,
      );
    const design = designTable(d.fields);
    const currentName = had[d.key]?.table;
    const current = currentName ? await describeTable(client, schema, currentName) : null;
    const plan = planStorage(schema, spec.name, spec.version, design, current, taken, d.view);
    for (const sql of plan.statements) await client.query(sql);
    for (const note of plan.notes) await log(`Dataset ${d.key}: ${note}`);
    const previous = new Set(had[d.key]?.previousTables ?? []);
    if (plan.action === "new_table" && current) previous.add(current.name);
    previous.delete(plan.table);
    resources[d.key] = { ...had[d.key], table: plan.table, previousTables: [...previous] };
    taken.push(plan.table);
    output.push({ dataset: d.key, table: plan.table, action: plan.action, primaryKey: design.primaryKey, changes: plan.notes });
  }
  return { output, resources };
}

export const deprovisionStorage: StepImpl = async ({ client, deployment, request, log }) => {
  const schema = deployment.schemaName ?? request.schema;
  if (await ownSchemaExists(client, schema, deployment.id)) {
    const tables = await tablesInSchema(client, schema);
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await log(`Dropped schema ${schema} with ${tables.length} table(s): ${tables.join(", ") || "none"}`);
  } else {
    await log(`Schema ${schema} is already gone`);
  }
  return {
    output: { schema, dropped: true },
    deployment: { tableName: null, resources: { table: null, previousTables: [], datasets: null } },
  };
};
