// Data product templates (the seed's DataProductTemplate): read side used by the registration form.
import "server-only";
import { db } from "@/lib/db";
import type { TemplateDto } from "@/lib/products/blank-spec";

export async function listTemplates(opts: { includeRetired?: boolean } = {}): Promise<TemplateDto[]> {
  const rows = await db.template.findMany({
    where: opts.includeRetired ? {} : { retired: false },
    orderBy: { name: "asc" },
    select: { key: true, name: true, description: true, version: true, config: true, defaults: true, retired: true },
  });
  return rows.map((r) => ({ ...r, config: r.config as Record<string, unknown>, defaults: r.defaults as TemplateDto["defaults"] }));
}
