import { describe, expect, it } from "vitest";
import { checkQuery, matchColumns, metricsFromCounts } from "@/lib/quality/table-check";

const fields = [
  { name: "id", type: "string" as const },
  { name: "amount", type: "number" as const },
  { name: "note", type: "string" as const },
  { name: "missing", type: "date" as const },
];

describe("quality table check", () => {
  it("measures completeness, accuracy and consistency from column counts", () => {
    const { present, typed } = matchColumns(fields, [
      { name: "id", dataType: "text" },
      { name: "amount", dataType: "text" }, // drifted type
      { name: "note", dataType: "text" },
      { name: "_loaded_at", dataType: "timestamp with time zone" },
    ]);
    expect(present.map((f) => f.name)).toEqual(["id", "amount", "note"]);
    expect(typed).toBe(2);
    // 10 rows: id always set, amount 8 set (1 NaN), note 2 set (1 blank)
    const m = metricsFromCounts(fields, present, typed, { rows: 10n, nn_0: 10n, bad_0: 0n, nn_1: 8n, bad_1: 1n, nn_2: 2n, bad_2: 1n });
    expect(m.rows).toBe(10);
    expect(m.completeness).toBeCloseTo((100 * 20) / 30);
    expect(m.accuracy).toBeCloseTo((100 * 18) / 20);
    expect(m.consistency).toBe(50);
  });

  it("quotes every identifier in the generated query", () => {
    const sql = checkQuery('dp_x"y', "t", [{ name: 'we"ird', type: "string" }]);
    expect(sql).toContain('FROM "dp_x""y"."t"');
    expect(sql).toContain('count("we""ird")');
  });
});
