// Processing templates (etl / streaming / ml and variants): listing, and create / edit (version bump) /
// retire for platform admins. Pipelines record the template key and version they were built from.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { expectedVersionOf, processingTemplateInputSchema } from "./schema";

export type ProcessingTemplateDto = {
  key: string;
  name: string;
  description: string;
  version: number;
  retired: boolean;
  config: Record<string, unknown>;
  updatedAt: string;
  usedBy: number;
};

const select = { key: true, name: true, description: true, version: true, retired: true, config: true, updatedAt: true } as const;

async function usage(): Promise<Map<string, number>> {
  const templates = await db.template.findMany({ where: { retired: false }, select: { config: true } });
  const counts = new Map<string, number>();
  for (const t of templates) {
    const key = (t.config as { processing_template?: { type?: string } }).processing_template?.type ?? "";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export async function listProcessingTemplates(opts: { includeRetired?: boolean } = {}): Promise<ProcessingTemplateDto[]> {
  const [rows, used] = await Promise.all([
    db.processingTemplate.findMany({
      where: opts.includeRetired ? {} : { retired: false },
      orderBy: [{ retired: "asc" }, { key: "asc" }],
      select,
    }),
    usage(),
  ]);
  return rows.map((r) => ({
    ...r,
    config: r.config as Record<string, unknown>,
    updatedAt: r.updatedAt.toISOString(),
    usedBy: used.get(r.key) ?? 0,
  }));
}

export async function getProcessingTemplate(key: string): Promise<ProcessingTemplateDto | null> {
  const r = await db.processingTemplate.findUnique({ where: { key }, select });
  return r
    ? { ...r, config: r.config as Record<string, unknown>, updatedAt: r.updatedAt.toISOString(), usedBy: (await usage()).get(r.key) ?? 0 }
    : null;
}

const requireAdmin = (user: CurrentUser, action: string, key: string) =>
  assertCan(user, "managePlatform", [], {
    action,
    resource: `processing_template:${key}`,
    message: "Only platform admins can manage processing templates.",
  });

export async function createProcessingTemplate(user: CurrentUser, input: unknown): Promise<{ key: string }> {
  await requireAdmin(user, "create", "new");
  const data = parseInput(processingTemplateInputSchema, input);
  try {
    await db.processingTemplate.create({
      data: { key: data.key, name: data.name, description: data.description, config: data.config as object },
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ConflictError("A processing template with this key exists.", { key: [`The key ${data.key} is taken.`] });
    throw e;
  }
  return { key: data.key };
}

export async function updateProcessingTemplate(
  user: CurrentUser,
  key: string,
  input: unknown,
  expectedVersionInput: unknown,
): Promise<{ version: number }> {
  await requireAdmin(user, "update", key);
  const expectedVersion = expectedVersionOf(expectedVersionInput);
  const data = parseInput(processingTemplateInputSchema, { ...(input as object), key });
  const r = await db.processingTemplate.updateMany({
    where: { key, version: expectedVersion },
    data: { name: data.name, description: data.description, config: data.config as object, version: { increment: 1 } },
  });
  if (r.count !== 1) {
    if (!(await db.processingTemplate.findUnique({ where: { key }, select: { id: true } })))
      throw new NotFoundError("This processing template does not exist.");
    throw new ConflictError("Someone else saved this template while you were editing. Reload to see their version.");
  }
  return { version: expectedVersion + 1 };
}

export async function setProcessingTemplateRetired(user: CurrentUser, key: string, retired: boolean): Promise<void> {
  await requireAdmin(user, "retire", key);
  if (retired && ((await usage()).get(key) ?? 0) > 0) {
    throw new ConflictError(`Product templates still use ${key}; point them at another processing template first.`);
  }
  const r = await db.processingTemplate.updateMany({ where: { key }, data: { retired } });
  if (r.count !== 1) throw new NotFoundError("This processing template does not exist.");
}
