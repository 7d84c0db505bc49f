// Validates an untrusted spec with the shared zod schema; failures become field-level errors.
import { productSpecSchema } from "@/lib/products/schema";
import type { DataProductSpec } from "@/lib/products/types";
import { parseInput } from "@/lib/validation/parse";

export function parseSpecOrThrow(input: unknown): DataProductSpec {
  // Nested: the product form has an input per schema field (`schema.2.name`).
  return parseInput(productSpecSchema, input, { nested: true }) as DataProductSpec;
}
