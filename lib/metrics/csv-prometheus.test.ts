import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/metrics/csv";
import { formatPrometheus } from "@/lib/metrics/prometheus";

describe("toCsv", () => {
  it("quotes separators and neutralises spreadsheet formulas in text, not in numbers", () => {
    const csv = toCsv(
      ["name", "value"],
      [
        { name: 'a,"b"', value: -3 },
        { name: "=HYPERLINK(1)", value: null },
      ],
    );
    expect(csv).toBe('name,value\r\n"a,""b""",-3\r\n\'=HYPERLINK(1),\r\n');
    // Leading whitespace does not hide a formula from a spreadsheet.
    expect(toCsv(["name"], [{ name: "  =1" }])).toBe("name\r\n'  =1\r\n");
  });
});

describe("formatPrometheus", () => {
  it("writes HELP, TYPE and labelled samples, escaping label values and skipping unknowns", () => {
    const text = formatPrometheus([
      {
        name: "meshport_reads_total",
        help: "Reads",
        type: "counter",
        samples: [
          { labels: { domain: 'sa"les' }, value: 12 },
          { labels: { domain: "x" }, value: null },
        ],
      },
      {
        name: "meshport_latency_ms",
        help: "Latency",
        type: "histogram",
        samples: [{ suffix: "_bucket", labels: { le: "+Inf" }, value: 3 }],
      },
    ]);
    expect(text).toBe(
      '# HELP meshport_reads_total Reads\n# TYPE meshport_reads_total counter\nmeshport_reads_total{domain="sa\\"les"} 12\n' +
        '# HELP meshport_latency_ms Latency\n# TYPE meshport_latency_ms histogram\nmeshport_latency_ms_bucket{le="+Inf"} 3\n',
    );
  });
});
