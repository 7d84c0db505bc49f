// Prometheus text exposition format (version 0.0.4): # HELP / # TYPE lines and samples with escaped labels.
export type Sample = { labels?: Record<string, string>; value: number | null; suffix?: string };
export type MetricFamily = { name: string; help: string; type: "gauge" | "counter" | "histogram"; samples: Sample[] };

const escapeLabel = (v: string) => v.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
const escapeHelp = (v: string) => v.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/** Samples with a null value are left out: "unknown" is an absent series, not a zero. */
export function formatPrometheus(families: MetricFamily[]): string {
  const out: string[] = [];
  for (const f of families) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(f.name)) throw new Error(`Invalid metric name ${f.name}`);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      if (s.value === null) continue;
      const labels = Object.entries(s.labels ?? {});
      const l = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
      out.push(`${f.name}${s.suffix ?? ""}${l} ${formatValue(s.value)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
