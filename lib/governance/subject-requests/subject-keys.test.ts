import { describe, expect, it } from "vitest";
import type { OdcsContract } from "@/lib/products";
import { subjectColumns } from "./subject-keys";

describe("subject keys", () => {
  const spec = {
    schema: [
      { name: "email", type: "string" as const, description: "", required: false, pii: true },
      { name: "buyer_email", type: "string" as const, description: "", required: false, pii: false },
      { name: "amount", type: "number" as const, description: "", required: false, pii: false },
    ],
  };

  it("takes PII fields by their name and contract properties by their declared subjectKey", () => {
    const contract: OdcsContract = {
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id: "c",
      version: "1.0.0",
      status: "active",
      schema: [
        {
          name: "t",
          properties: [
            { name: "email" },
            { name: "buyer_email", customProperties: [{ property: "subjectKey", value: "email" }] },
            { name: "amount" },
          ],
        },
      ],
    };
    expect([...subjectColumns(spec, contract)]).toEqual([["email", ["email", "buyer_email"]]]);
  });

  it("ignores fields that are not PII and declarations that are not identifiers", () => {
    const contract: OdcsContract = {
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id: "c",
      version: "1.0.0",
      status: "active",
      schema: [
        {
          name: "t",
          properties: [{ name: "email" }, { name: "buyer_email", customProperties: [{ property: "subjectKey", value: "x; drop" }] }],
        },
      ],
    };
    expect([...subjectColumns(spec, contract)]).toEqual([["email", ["email"]]]);
  });
});
