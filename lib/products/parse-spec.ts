// Validates an untrusted spec with the shared zod schema; failures become field-level errors.
import { productSpecSchema, fieldErrors } from "@/lib/products/schema";
import { ValidationError } from "@/lib/errors";
import type { DataProductSpec } from "@/lib/products/types";

export function parseSpecOrThrow(input: unknown): DataProductSpec {
  const parsed = productSpecSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Please fix the highlighted fields.", fieldErrors(parsed.error));
  return parsed.data as DataProductSpec;
}
