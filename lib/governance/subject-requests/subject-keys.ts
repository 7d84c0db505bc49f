// Which columns of a product identify a data subject (GDPR/CCPA requests), from what its contract declares:
//   - a field marked PII whose name IS the subject key (`email`, `customer_id`): the common case, no extra
//     declaration needed;
//   - a top-level property of the first dataset with the ODCS custom property `subjectKey: <key>` — for a
//     column named otherwise (`buyer_email` declared as subject key `email`). Its column is the spec field at
//     the same position (lib/products/contract/project.ts keeps properties and fields in order).
// Pure.
import { z } from "zod";
import type { DataProductSpec, OdcsContract } from "@/lib/products";

export const SUBJECT_KEY_PROPERTY = "subjectKey";

export const subjectRequestSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, "A subject key is a field name like email or customer_id."),
  value: z.string().trim().min(1, "Enter the person's identifier.").max(500, "At most 500 characters."),
});
export type SubjectRequest = z.infer<typeof subjectRequestSchema>;

export const erasureSchema = subjectRequestSchema.extend({
  reason: z.string().trim().min(10, "Say why these records are erased (at least 10 characters)."),
  confirm: z.literal("erase", { error: "Type erase to confirm." }),
});

/** Subject key → the columns that hold it, for one product. */
export function subjectColumns(spec: Pick<DataProductSpec, "schema">, contract: OdcsContract | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string, column: string) => {
    const list = out.get(key) ?? [];
    if (!list.includes(column)) list.push(column);
    out.set(key, list);
  };
  for (const f of spec.schema ?? []) if (f.pii) add(f.name, f.name);
  (contract?.schema?.[0]?.properties ?? []).forEach((p, i) => {
    const column = spec.schema?.[i]?.name;
    const declared = (p.customProperties ?? []).find((c) => c.property === SUBJECT_KEY_PROPERTY)?.value;
    if (column && typeof declared === "string" && /^[a-z][a-z0-9_]{0,62}$/.test(declared)) add(declared, column);
  });
  return out;
}
