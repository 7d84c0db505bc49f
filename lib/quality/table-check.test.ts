import { describe, expect, it } from "vitest";
import { checkQuery, countsFrom, matchColumns, metricsFromTotals, poolDatasets } from "@/lib/quality/table-check";

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
    const m = metricsFromTotals([
      countsFrom(fields, present, typed, { rows: 10n, nn_0: 10n, bad_0: 0n, nn_1: 8n, bad_1: 1n, nn_2: 2n, bad_2: 1n }),
    ]);
    expect(m.rows).toBe(10);
    expect(m.completeness).toBeCloseTo((100 * 20) / 30);
    expect(m.accuracy).toBeCloseTo((100 * 18) / 20);
    expect(m.consistency).toBe(50);
  });

  it("pools several datasets' tables: completeness and accuracy over all their cells, consistency over all their fields", () => {
    // orders: 10 rows × 2 fields, all set and well-formed, both typed
    const orders = countsFrom(fields.slice(0, 2), fields.slice(0, 2), 2, { rows: 10n, nn_0: 10n, bad_0: 0n, nn_1: 10n, bad_1: 0n });
    // customers: 30 rows × 1 field, 15 set (5 blank), its one field drifted; and a second field missing from the table
    const customers = countsFrom([fields[2], fields[3]], [fields[2]], 0, { rows: 30n, nn_0: 15n, bad_0: 5n });
    const m = metricsFromTotals([orders, customers]);
    expect(m.rows).toBe(40);
    expect(m.completeness).toBeCloseTo((100 * (20 + 15)) / (20 + 30));
    expect(m.accuracy).toBeCloseTo((100 * (20 + 10)) / (20 + 15));
    expect(m.consistency).toBeCloseTo((100 * 2) / 4);
    // An empty dataset adds no cells: it does not change completeness or accuracy, only consistency by its fields.
    const empty = countsFrom([fields[0]], [fields[0]], 1, { rows: 0n, nn_0: 0n, bad_0: 0n });
    expect(metricsFromTotals([orders, empty])).toEqual({ completeness: 100, accuracy: 100, consistency: 100, rows: 10 });
    expect(metricsFromTotals([])).toEqual({ completeness: 100, accuracy: 100, consistency: 100, rows: 0 });
  });

  it("gives each dataset's own figures beside the pooled ones only when there are several", () => {
    const one = countsFrom(fields.slice(0, 2), fields.slice(0, 2), 2, { rows: 10n, nn_0: 10n, bad_0: 0n, nn_1: 5n, bad_1: 0n });
    const two = countsFrom([fields[2]], [fields[2]], 0, { rows: 30n, nn_0: 30n, bad_0: 0n });
    expect(poolDatasets([{ key: "orders", counts: one }])).toEqual({ metrics: metricsFromTotals([one]) });
    const pooled = poolDatasets([
      { key: "orders", counts: one },
      { key: "customers", counts: two },
    ]);
    expect(pooled.metrics).toEqual(metricsFromTotals([one, two]));
    expect(pooled.datasets).toEqual([
      { key: "orders", rows: 10, metrics: { completeness: 75, accuracy: 100, consistency: 100 } },
      { key: "customers", rows: 30, metrics: { completeness: 100, accuracy: 100, consistency: 0 } },
    ]);
  });

  it("quotes every identifier in the generated query", () => {
    const sql = checkQuery('dp_x"y', "t", [{ name: 'we"ird', type: "string" }]);
    expect(sql).toContain('FROM "dp_x""y"."t"');
    expect(sql).toContain('count("we""ird")');
  });
});
