import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { positionAt } from "./yaml-position";

const text = ["kind: DataProduct", "spec:", "  slo:", "    latency: < 100ms", "  schema:", "    - name: id", "    - name: total", ""].join(
  "\n",
);
const lineCounter = new LineCounter();
const source = { doc: parseDocument(text, { lineCounter }), lineCounter };

describe("positionAt", () => {
  it("points at a map entry's key, with its column", () => {
    expect(positionAt(source, ["spec", "slo"])).toEqual({ line: 3, column: 3 });
    expect(positionAt(source, ["spec", "slo", "latency"])).toEqual({ line: 4, column: 5 });
  });

  it("points at list items by index", () => {
    expect(positionAt(source, ["spec", "schema", 1])?.line).toBe(7);
    expect(positionAt(source, ["spec", "schema", 1, "name"])?.line).toBe(7);
  });

  it("falls back to the deepest part of the path that exists", () => {
    expect(positionAt(source, ["spec", "slo", "freshness"])?.line).toBe(3);
    expect(positionAt(source, ["spec", "schema", 5, "name"])?.line).toBe(5);
    expect(positionAt(source, ["metadata"])?.line).toBe(1);
  });
});
