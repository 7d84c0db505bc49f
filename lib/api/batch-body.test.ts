import { describe, expect, it } from "vitest";
import { parseBatchBody } from "./batch-body";

const refusal = (text: string) => {
  try {
    parseBatchBody(text);
  } catch (e) {
    return { status: (e as { status: number }).status, fields: Object.keys((e as { fieldErrors?: object }).fieldErrors ?? {}) };
  }
  throw new Error("accepted");
};

describe("parseBatchBody", () => {
  it("answers the documents of a well-formed body", () => {
    expect(parseBatchBody(JSON.stringify({ documents: ["a: 1", "b: 2"] }))).toEqual(["a: 1", "b: 2"]);
  });

  it("names the field of each refusal", () => {
    expect(refusal("{")).toEqual({ status: 400, fields: ["body"] });
    expect(refusal("[]")).toEqual({ status: 400, fields: ["body"] });
    expect(refusal(JSON.stringify({ documents: "a: 1" }))).toEqual({ status: 400, fields: ["documents"] });
    expect(refusal(JSON.stringify({ documents: [] }))).toEqual({ status: 400, fields: ["documents"] });
    expect(refusal(JSON.stringify({ documents: Array(1001).fill("a: 1") }))).toEqual({ status: 400, fields: ["documents"] });
    expect(refusal(JSON.stringify({ documents: ["a: 1", 7, null, " "] }))).toEqual({
      status: 400,
      fields: ["documents[1]", "documents[2]", "documents[3]"],
    });
  });

  it("refuses a document over 1 MB with 413 naming it", () => {
    expect(refusal(JSON.stringify({ documents: ["a: 1", `a: ${"é".repeat(600_000)}`] }))).toEqual({
      status: 413,
      fields: ["documents[1]"],
    });
  });
});
