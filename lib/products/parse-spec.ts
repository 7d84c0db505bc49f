// Validates an untrusted spec with the shared zod schema; failures become field-level errors.
import { contractSpecSchema, productSpecSchema } from "@/lib/products/schema";
import type { DataProductSpec } from "@/lib/products/types";
import { parseInput } from "@/lib/validation/parse";

export function parseSpecOrThrow(input: unknown, opts: { declaredContract?: boolean } = {}): DataProductSpec {
  // Nested: the product form has an input per schema field (`schema.2.name`). A spec projected from a declared
  // contract may have no fields (a contract without datasets).
  return parseInput(opts.declaredContract ? contractSpecSchema : productSpecSchema, input, { nested: true }) as DataProductSpec;
}
