// Reads an HTML form's FormData into plain values for a zod schema. The readers only convert, never
// judge: a missing field (or a file where text was expected) becomes undefined or "", so the schema, not
// the reader, says what is wrong, next to the right field.

export type TextOptions = {
  /** Drop surrounding whitespace (what a user typed around a value is never part of it). */
  trim?: boolean;
};

/** The field's text, or undefined when the form did not send it. */
export function optionalText(formData: FormData, key: string, opts: TextOptions = {}): string | undefined {
  const value = formData.get(key);
  if (typeof value !== "string") return undefined;
  return opts.trim ? value.trim() : value;
}

/** The field's text, "" when the form did not send it. */
export function text(formData: FormData, key: string, opts: TextOptions = {}): string {
  return optionalText(formData, key, opts) ?? "";
}

/**
 * A number input: undefined when absent or blank, so the schema says "is required" rather than "must
 * be a number"; NaN when the text is not a number.
 */
export function number(formData: FormData, key: string): number | undefined {
  const value = optionalText(formData, key, { trim: true });
  return value === undefined || value === "" ? undefined : Number(value);
}

/** A checkbox: ticked when the form sent its value (browsers send "on" unless the input sets one). */
export function checkbox(formData: FormData, key: string, value = "on"): boolean {
  return formData.get(key) === value;
}

/** Every non-empty text value of a repeated field (a checkbox group, a multi-select). */
export function list(formData: FormData, key: string): string[] {
  return formData.getAll(key).filter((v): v is string => typeof v === "string" && v !== "");
}

/** One text input holding several items (comma- or line-separated): trimmed, empty items dropped. */
export function splitList(formData: FormData, key: string, separator: RegExp): string[] {
  return text(formData, key, { trim: true })
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A JSON-encoded (hidden) input; text that does not parse is passed through so the schema reports it. */
export function json(formData: FormData, key: string): unknown {
  const value = optionalText(formData, key, { trim: true });
  if (value === undefined || value === "") return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
