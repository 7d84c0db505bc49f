import { describe, expect, it } from "vitest";
import { checkbox, json, list, number, optionalText, splitList, text } from "@/lib/validation/form-data";

function form(entries: [string, string | Blob][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("form readers", () => {
  const fd = form([
    ["name", "  orders  "],
    ["file", new Blob(["x"])],
    ["latency", " 250 "],
    ["blank", "   "],
    ["nan", "fast"],
    ["agree", "on"],
    ["locked", "access_control"],
    ["locked", ""],
    ["locked", "gdpr"],
    ["tags", " sales, ,eu ,"],
    ["rows", ' [{"name":"id"}] '],
    ["broken", "[{"],
  ]);

  it("reads text as sent, trimmed on request, and tells a missing field (or a file) apart", () => {
    expect(optionalText(fd, "name")).toBe("  orders  ");
    expect(optionalText(fd, "name", { trim: true })).toBe("orders");
    expect(optionalText(fd, "missing")).toBeUndefined();
    expect(optionalText(fd, "file")).toBeUndefined();
    expect(text(fd, "missing")).toBe("");
    expect(text(fd, "name", { trim: true })).toBe("orders");
  });

  it("reads numbers: blank or missing is undefined (the schema says 'required'), junk is NaN", () => {
    expect(number(fd, "latency")).toBe(250);
    expect(number(fd, "blank")).toBeUndefined();
    expect(number(fd, "missing")).toBeUndefined();
    expect(number(fd, "nan")).toBeNaN();
  });

  it("reads checkboxes, repeated fields and separated lists", () => {
    expect(checkbox(fd, "agree")).toBe(true);
    expect(checkbox(fd, "missing")).toBe(false);
    expect(checkbox(fd, "agree", "yes")).toBe(false);
    expect(list(fd, "locked")).toEqual(["access_control", "gdpr"]);
    expect(splitList(fd, "tags", /,/)).toEqual(["sales", "eu"]);
    expect(splitList(fd, "missing", /,/)).toEqual([]);
  });

  it("reads JSON inputs and passes text that does not parse through for the schema to report", () => {
    expect(json(fd, "rows")).toEqual([{ name: "id" }]);
    expect(json(fd, "broken")).toBe("[{");
    expect(json(fd, "blank")).toBeUndefined();
    expect(json(fd, "missing")).toBeUndefined();
  });
});
