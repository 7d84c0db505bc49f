// A grant holder's SQL credentials: a fresh password on their grant's login role, returned once and never
// stored by the portal (PostgreSQL keeps only its SCRAM hash). Asking again replaces the password.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ensure, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";
import { datasetRelations, maskedViewNameFor, type DeploymentResources } from "@/lib/provisioning";
import { parseInput } from "@/lib/validation/parse";
import { sqlCredentialsSchema } from "./schema";
import { setGrantRolePassword } from "./grant-roles";

export type SqlCredentials = {
  role: string;
  password: string;
  host: string;
  port: number;
  database: string;
  expiresAt: string;
  /** Relations the login may read: `schema.view` of each active deployment (masked views). */
  relations: { environment: string; relation: string }[];
};

export async function issueSqlCredentials(user: CurrentUser, input: unknown): Promise<SqlCredentials> {
  const data = parseInput(sqlCredentialsSchema, input);
  const grant = await db.accessGrant.findUnique({
    where: { id: data.grantId },
    select: {
      id: true,
      userId: true,
      dbRole: true,
      endedAt: true,
      expiresAt: true,
      product: { select: { id: true, name: true, domain: { select: { slug: true } } } },
    },
  });
  if (!grant) throw new NotFoundError("This access grant does not exist.");
  const resource = productResource(grant.product.domain.slug, grant.product.name);
  await ensure(user, (u) => u.id === grant.userId, {
    action: "access:sql-credentials",
    resource,
    message: "Only the grant's holder can get its SQL credentials.",
  });
  if (grant.endedAt || grant.expiresAt <= new Date() || !grant.dbRole)
    throw new ConflictError("This access has ended; request access again.");
  const password = randomBytes(24).toString("base64url");
  const role = grant.dbRole;
  const deployments = await db.$transaction(async (tx) => {
    await setGrantRolePassword(tx, role, password);
    await audit(
      {
        subject: user.email,
        action: "access:sql-credentials",
        resource,
        decision: "allow",
        policyId: "portal-permissions",
        reason: `New password for the SQL login ${role} of grant ${grant.id}.`,
        context: { grantId: grant.id },
      },
      tx,
    );
    return tx.deployment.findMany({
      where: { productId: grant.product.id, status: "active" },
      select: { environment: true, schemaName: true, resources: true },
    });
  });
  return {
    role,
    password,
    ...sqlEndpoint(),
    expiresAt: grant.expiresAt.toISOString(),
    relations: deployments.flatMap((d) => {
      const resources = d.resources as DeploymentResources;
      if (!d.schemaName || !resources.view) return [];
      // The first dataset's masked view, then each other dataset's (the login reads those too).
      const masked = [maskedViewNameFor(resources.view), ...datasetRelations(resources.datasets).flatMap((r) => r.maskedView ?? [])];
      return masked.map((view) => ({ environment: d.environment, relation: `${d.schemaName}.${view}` }));
    }),
  };
}

/** Where SQL logins connect: the portal's own PostgreSQL server and database (never its user or password). */
export function sqlEndpoint(): { host: string; port: number; database: string } {
  const url = new URL(env().DATABASE_URL);
  return { host: url.hostname, port: Number(url.port || 5432), database: decodeURIComponent(url.pathname.replace(/^\//, "")) };
}
