// zod → ValidationError with field errors, so bad input reaches the form next to its field. Services
// parse their input with it, whatever called them (action, route, CLI, seed, test).
import type { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldErrors } from "./field-errors";

export const FIX_FIELDS = "Please fix the highlighted fields.";

/**
 * The parsed input, or a ValidationError whose field errors are keyed by input name (the shape of a flat
 * form); `nested: true` keys them by full path (`schema.2.name`) for forms with an input per list item.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, opts: { message?: string; nested?: boolean } = {}): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(opts.message ?? FIX_FIELDS, fieldErrors(r.error, opts.nested ? {} : { depth: 1 }));
  return r.data;
}
