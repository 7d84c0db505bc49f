import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "./field-errors";
import { parseInput } from "./parse";
import { ValidationError } from "@/lib/errors";

const form = z
  .object({
    name: z.string().min(2, "Too short"),
    tags: z.array(z.string().regex(/^[a-z]+$/, "Lowercase tags only")),
    schema: z.array(z.object({ name: z.string().min(1, "Name the field") })),
  })
  .refine((v) => v.name !== "xx", "Not this one");

describe("fieldErrors", () => {
  const error = form.safeParse({ name: "a", tags: ["OK", "NO"], schema: [{ name: "" }] }).error!;

  it("keys messages by dotted path, each message once", () => {
    expect(fieldErrors(error)).toEqual({
      name: ["Too short"],
      "tags.0": ["Lowercase tags only"],
      "tags.1": ["Lowercase tags only"],
      "schema.0.name": ["Name the field"],
    });
  });

  it("keys by input name at depth 1, so a tags box shows its list's messages", () => {
    expect(fieldErrors(error, { depth: 1 })).toEqual({
      name: ["Too short"],
      tags: ["Lowercase tags only"],
      schema: ["Name the field"],
    });
  });

  it("puts issues about the whole input under the empty key", () => {
    const whole = form.safeParse({ name: "xx", tags: [], schema: [] }).error!;
    expect(fieldErrors(whole)).toEqual({ "": ["Not this one"] });
  });
});

describe("parseInput", () => {
  it("returns the parsed value, or throws a ValidationError with field errors", () => {
    expect(parseInput(form, { name: "ok", tags: ["a"], schema: [] }).name).toBe("ok");
    const err = (() => {
      try {
        parseInput(form, { name: "a", tags: [], schema: [{ name: "" }] }, { message: "Check the form." });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe("Check the form.");
    expect((err as ValidationError).fieldErrors).toEqual({ name: ["Too short"], schema: ["Name the field"] });
  });

  it("keeps full paths for nested forms", () => {
    expect(() => parseInput(form, { name: "ok", tags: [], schema: [{ name: "" }] }, { nested: true })).toThrow(ValidationError);
    try {
      parseInput(form, { name: "ok", tags: [], schema: [{ name: "" }] }, { nested: true });
    } catch (e) {
      expect((e as ValidationError).fieldErrors).toEqual({ "schema.0.name": ["Name the field"] });
    }
  });
});
