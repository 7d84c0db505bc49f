// The one gate every step passes before touching a schema: a schema is created, adopted, changed or
// dropped only by the deployment whose tag it carries. Anything else (another product's schema under a
// colliding name, one made by hand) stops the step with a clear message and is never altered.
import "server-only";
import { schemaOwnership } from "../catalog";
import type { PgClient } from "@/lib/pg";
import { StepError } from "./context";

/** True when the schema exists and is this deployment's, false when there is none; throws when it is someone else's. */
export async function ownSchemaExists(client: PgClient, schema: string, deploymentId: string): Promise<boolean> {
  const ownership = await schemaOwnership(client, schema, deploymentId);
  if (ownership === "foreign") {
    throw new StepError(
      `Schema ${schema} exists and belongs to another deployment (or was not created by Meshport), so it was left untouched; ask a platform admin to check it.`,
    );
  }
  return ownership === "ours";
}
