// zod → ValidationError with field errors, so bad input reaches the form next to its field.
import { z } from "zod";
import { ValidationError } from "@/lib/errors";

export function parseInput<T extends z.ZodType>(schema: T, input: unknown, message = "Please fix the highlighted fields."): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(message, z.flattenError(r.error).fieldErrors as Record<string, string[]>);
  return r.data;
}
