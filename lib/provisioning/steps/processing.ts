// Processing: the pipeline record (from the processing template) and the product's ingestion endpoint.
// The upsert on the deployment's unique key makes a re-run update the one pipeline, never add another.
import "server-only";
import { StepError, type StepImpl } from "./context";

export const provisionProcessing: StepImpl = async ({ client, request, deployment, log }) => {
  const { pipeline, endpoints } = request;
  const r = await client.query<{ id: string; inserted: boolean }>(
    `INSERT INTO pipelines (id, deployment_id, type, schedule, steps, ingestion_endpoint, created_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, now())
     ON CONFLICT (deployment_id) DO UPDATE
        SET type = EXCLUDED.type, schedule = EXCLUDED.schedule, steps = EXCLUDED.steps, ingestion_endpoint = EXCLUDED.ingestion_endpoint
     RETURNING id, (xmax = 0) AS inserted`,
    [deployment.id, pipeline.type, pipeline.schedule, JSON.stringify(pipeline.steps), endpoints.ingest],
  );
  const row = r.rows[0];
  if (!row) throw new StepError("The pipeline could not be recorded.");
  await log(
    `${row.inserted ? "Created" : "Updated"} ${pipeline.type} pipeline from processing template ${pipeline.templateKey} v${pipeline.templateVersion} (schedule: ${pipeline.schedule}; steps: ${pipeline.steps.map((x) => x.name).join(", ")})`,
  );
  await log(`Ingestion endpoint: POST ${endpoints.ingest}`);
  return {
    output: {
      pipelineId: row.id,
      type: pipeline.type,
      schedule: pipeline.schedule,
      steps: pipeline.steps.map((x) => x.name),
      ingestEndpoint: endpoints.ingest,
    },
    deployment: { resources: { pipelineId: row.id, ingestEndpoint: endpoints.ingest } },
  };
};

export const deprovisionProcessing: StepImpl = async ({ client, deployment, log }) => {
  const r = await client.query("DELETE FROM pipelines WHERE deployment_id = $1", [deployment.id]);
  await log(r.rowCount ? "Removed the pipeline and its ingestion endpoint" : "No pipeline to remove");
  return { output: { removed: r.rowCount ?? 0 }, deployment: { resources: { pipelineId: null, ingestEndpoint: null } } };
};
