// Data product templates (the seed's DataProductTemplate): the read side the registration form uses,
// and the platform admins' create / edit (each edit bumps the version products record) / retire.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "@/lib/errors";
import type { TemplateDto } from "@/lib/products";
import { parseInput } from "@/lib/validation/parse";
import { expectedVersionOf, templateColumns, templateInputSchema } from "./schema";

export async function listTemplates(opts: { includeRetired?: boolean } = {}): Promise<TemplateDto[]> {
  const rows = await db.template.findMany({
    where: opts.includeRetired ? {} : { retired: false },
    orderBy: { name: "asc" },
    select: { key: true, name: true, description: true, version: true, config: true, defaults: true, retired: true },
  });
  return rows.map((r) => ({ ...r, config: r.config as Record<string, unknown>, defaults: r.defaults as TemplateDto["defaults"] }));
}

export type TemplateAdminDto = TemplateDto & { productCount: number; updatedAt: string };

export async function listTemplatesForAdmin(): Promise<TemplateAdminDto[]> {
  const rows = await db.template.findMany({
    orderBy: [{ retired: "asc" }, { name: "asc" }],
    select: {
      key: true,
      name: true,
      description: true,
      version: true,
      config: true,
      defaults: true,
      retired: true,
      updatedAt: true,
      _count: { select: { products: true } },
    },
  });
  return rows.map(({ _count, updatedAt, ...r }) => ({
    ...r,
    config: r.config as Record<string, unknown>,
    defaults: r.defaults as TemplateDto["defaults"],
    productCount: _count.products,
    updatedAt: updatedAt.toISOString(),
  }));
}

export async function getTemplate(key: string): Promise<TemplateDto | null> {
  const r = await db.template.findUnique({
    where: { key },
    select: { key: true, name: true, description: true, version: true, config: true, defaults: true, retired: true },
  });
  return r ? { ...r, config: r.config as Record<string, unknown>, defaults: r.defaults as TemplateDto["defaults"] } : null;
}

const requireAdmin = (user: CurrentUser, action: string, key: string) =>
  assertCan(user, "managePlatform", [], { action, resource: `template:${key}`, message: "Only platform admins can manage templates." });

async function assertProcessingTemplate(key: string) {
  const p = await db.processingTemplate.findUnique({ where: { key }, select: { retired: true } });
  if (!p || p.retired)
    throw new ValidationError("Unknown processing template.", { processingTemplate: [`There is no active processing template ${key}.`] });
}

export async function createTemplate(user: CurrentUser, input: unknown): Promise<{ key: string }> {
  await requireAdmin(user, "create", "new");
  const data = parseInput(templateInputSchema, input);
  await assertProcessingTemplate(data.processingTemplate);
  try {
    await db.template.create({ data: { key: data.key, ...templateColumns(data) } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("A template with this key exists.", { key: [`The key ${data.key} is taken.`] });
    throw e;
  }
  return { key: data.key };
}

/** Saves an edit as the next version; `expectedVersion` guards against a concurrent edit. */
export async function updateTemplate(
  user: CurrentUser,
  key: string,
  input: unknown,
  expectedVersionInput: unknown,
): Promise<{ version: number }> {
  await requireAdmin(user, "update", key);
  const expectedVersion = expectedVersionOf(expectedVersionInput);
  const data = parseInput(templateInputSchema, { ...(input as object), key });
  await assertProcessingTemplate(data.processingTemplate);
  const updated = await db.template.updateMany({
    where: { key, version: expectedVersion },
    data: { ...templateColumns(data), version: { increment: 1 } },
  });
  if (updated.count !== 1) {
    if (!(await db.template.findUnique({ where: { key }, select: { id: true } }))) throw new NotFoundError("This template does not exist.");
    throw new ConflictError("Someone else saved this template while you were editing. Reload to see their version.");
  }
  return { version: expectedVersion + 1 };
}

export async function setTemplateRetired(user: CurrentUser, key: string, retired: boolean): Promise<void> {
  await requireAdmin(user, "retire", key);
  const r = await db.template.updateMany({ where: { key }, data: { retired } });
  if (r.count !== 1) throw new NotFoundError("This template does not exist.");
}
