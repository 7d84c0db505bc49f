import { describe, expect, it } from "vitest";
import { createMaskedViewSql, loginGrantStatements, maskedSelectList, maskedViewNameFor } from "./masking";

describe("masked view", () => {
  const fields = [
    { name: "id", type: "string" as const, pii: false },
    { name: "email", type: "string" as const, pii: true },
    { name: "birth_date", type: "date" as const, pii: true },
    { name: "amount", type: "number" as const, pii: false },
  ];
  it("masks PII text as *** (nulls stay null) and other PII types as NULL of the same type", () => {
    expect(maskedSelectList(fields)).toBe(
      `"id", CASE WHEN "email" IS NULL THEN NULL ELSE '***' END AS "email", NULL::date AS "birth_date", "amount", "_loaded_at"`,
    );
  });
  it("is created over the serving view, named after it", () => {
    expect(maskedViewNameFor("orders")).toBe("orders__masked");
    expect(createMaskedViewSql("dp_s", "orders", fields)[1]).toMatch(
      /^CREATE VIEW "dp_s"\."orders__masked" AS SELECT .* FROM "dp_s"\."orders"$/,
    );
  });
  it("gives a grant's login the masked view only", () => {
    expect(loginGrantStatements("dp_s", "orders__masked", "mp_grant_x")).toEqual([
      `GRANT USAGE ON SCHEMA "dp_s" TO "mp_grant_x"`,
      `GRANT SELECT ON TABLE "dp_s"."orders__masked" TO "mp_grant_x"`,
    ]);
  });
});
