import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvReader } from "./csv-reader";

type Out = { records: [string[], number][]; problems: [number, string, boolean][] };

async function read(chunks: string[]): Promise<Out> {
  const out: Out = { records: [], problems: [] };
  const reader = new CsvReader(
    (fields, line) => void out.records.push([fields, line]),
    (line, message, fatal) => void out.problems.push([line, message, fatal]),
  );
  for (const c of chunks) await reader.push(c);
  await reader.end();
  return out;
}

/** Every way of cutting `text` into two chunks must read the same. */
async function everySplit(text: string): Promise<Out> {
  const whole = await read([text]);
  for (let k = 1; k < text.length; k++) expect(await read([text.slice(0, k), text.slice(k)]), `split at ${k}`).toEqual(whole);
  return whole;
}

describe("CsvReader", () => {
  it("reads plain and quoted fields, CRLF, a BOM, empty lines and a last line without a line end", async () => {
    const out = await everySplit('\uFEFFid,note\r\na,"x, ""y"""\r\n\r\nb,"two\nlines"\nc,');
    expect(out.problems).toEqual([]);
    expect(out.records).toEqual([
      [["id", "note"], 1],
      [["a", 'x, "y"'], 2],
      [["b", "two\nlines"], 5],
      [["c", ""], 6],
    ]);
  });

  it("reports a record with the wrong number of fields and bad quotes by line, and keeps reading", async () => {
    const out = await everySplit('id,qty\na,1\nb\nc,1,2\nd,x"y\ne,"1"z\nf,2\n');
    expect(out.records.map(([f, l]) => [f[0], l])).toEqual([
      ["id", 1],
      ["a", 2],
      ["f", 7],
    ]);
    expect(out.problems.map(([l, , fatal]) => [l, fatal])).toEqual([
      [3, false],
      [4, false],
      [5, false],
      [6, false],
    ]);
    expect(out.problems[0][1]).toBe("expected 2 fields, found 1");
  });

  it("ends on a quote left open at the end of the input", async () => {
    const out = await everySplit('id,qty\na,1\nb,"2\n');
    expect(out.records).toHaveLength(2);
    expect(out.problems).toEqual([[4, "quote not closed (field 2)", true]]);
  });

  it("reads what csv-parse reads, however the input is chunked", async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r\n", " "), maxLength: 8 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        async (rows, size) => {
          const text = `${rows.map((r) => r.join(",")).join("\n")}\n`;
          const expected = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
          const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
          const out = await read(chunks);
          expect(out.problems).toEqual([]);
          expect(out.records.map(([f]) => f)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
