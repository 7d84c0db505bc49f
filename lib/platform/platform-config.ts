// The platform configuration (PlatformConfig, a single row): read for plans and the capabilities page,
// edited by platform admins as YAML. Each save bumps the version; the previous document goes to the
// append-only audit log, which is the configuration's history.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { audit } from "@/lib/audit/writer";
import { ConflictError, ValidationError } from "@/lib/errors";
import { DEFAULT_PLATFORM_YAML } from "./default-platform";
import { parsePlatformYaml, platformToYaml, type PlatformDocument } from "./platform-yaml";
import { expectedVersionOf } from "./schema";

export type PlatformConfigDto = {
  document: PlatformDocument;
  yaml: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

function defaultDocument(): PlatformDocument {
  const parsed = parsePlatformYaml(DEFAULT_PLATFORM_YAML);
  if (!parsed.ok) throw new Error("The built-in platform configuration is invalid");
  return parsed.document;
}

export async function getPlatformConfig(): Promise<PlatformConfigDto> {
  const row = await db.platformConfig.findUnique({
    where: { id: 1 },
    select: { spec: true, version: true, updatedAt: true, updatedById: true },
  });
  if (!row) return { document: defaultDocument(), yaml: DEFAULT_PLATFORM_YAML, version: 0, updatedAt: null, updatedBy: null };
  const document = row.spec as unknown as PlatformDocument;
  const author = row.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return {
    document,
    yaml: platformToYaml(document),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: author?.name ?? null,
  };
}

export async function updatePlatformConfig(user: CurrentUser, yaml: unknown, expectedVersionInput: unknown): Promise<{ version: number }> {
  await assertCan(user, "managePlatform", [], {
    action: "update_platform_config",
    resource: "platform_config",
    message: "Only platform admins can change the platform configuration.",
  });
  const expectedVersion = expectedVersionOf(expectedVersionInput);
  const parsed = parsePlatformYaml(typeof yaml === "string" ? yaml : "");
  if (!parsed.ok) {
    const messages = parsed.errors.map((e) => `${e.line ? `Line ${e.line}: ` : ""}${e.path ? `${e.path}: ` : ""}${e.message}`);
    throw new ValidationError("The configuration is not valid.", { yaml: messages });
  }
  const result = await db.$transaction(async (tx) => {
    const current = await tx.platformConfig.findUnique({ where: { id: 1 }, select: { version: true, spec: true } });
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== expectedVersion) {
      throw new ConflictError("Someone else changed the configuration while you were editing. Reload to see their version.");
    }
    const spec = parsed.document as unknown as object;
    const saved = current
      ? await tx.platformConfig.updateMany({
          where: { id: 1, version: currentVersion },
          data: { spec, version: currentVersion + 1, updatedById: user.id },
        })
      : await tx.platformConfig.createMany({ data: [{ id: 1, spec, version: 1, updatedById: user.id }] });
    if (saved.count !== 1) throw new ConflictError("Someone else changed the configuration at the same time. Reload and try again.");
    return { version: currentVersion + 1, previous: current?.spec ?? null };
  });
  await audit({
    subject: user.email,
    action: "manage",
    resource: "platform_config:1",
    decision: "allow",
    reason: `Platform configuration saved as version ${result.version}`,
    context: { version: result.version, previous: result.previous },
  });
  return { version: result.version };
}
