"use client";
// Compliance per domain as a stacked bar: passing / warnings / failing / not validated products.
// The same numbers are in the table next to it, which is what screen readers should use.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartRow = { name: string; passing: number; warnings: number; failing: number; unknown: number };

const SERIES = [
  { key: "passing", label: "Passing", color: "#059669" },
  { key: "warnings", label: "Warnings", color: "#d97706" },
  { key: "failing", label: "Failing", color: "#dc2626" },
  { key: "unknown", label: "Not validated", color: "#94a3b8" },
] as const;

export function ComplianceChart({ rows }: { rows: ChartRow[] }) {
  // Horizontal bars: domain names stay readable on a phone.
  const height = Math.max(160, rows.length * 44 + 70);
  return (
    <div aria-hidden="true" style={{ width: "100%", height }} data-testid="compliance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={92} tick={{ fontSize: 12 }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          {/* Series order (passing → not validated), not alphabetical. */}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="products" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
