"use client";
// The product's latest quality run, and "Run quality check" for the people who may edit it.
import Link from "next/link";
import { useActionState } from "react";
import { runQualityCheckAction } from "@/app/(portal)/products/[domain]/[product]/quality/actions";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { QualityRunResult, QualityTrendPoint } from "@/lib/quality/record-quality-run";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function QualityCard({
  productId,
  productHref,
  latest,
  runs,
  canRun,
  trend = [],
}: {
  productId: string;
  productHref: string;
  latest: QualityRunResult | null;
  runs: number;
  canRun: boolean;
  /** The latest runs, oldest first: the score trend and the contract rules the hourly monitor measured. */
  trend?: QualityTrendPoint[];
}) {
  const last = trend.at(-1);
  const [state, action] = useActionState(runQualityCheckAction, null);
  return (
    <Card title="Data quality" className="h-full">
      <div className="space-y-3 text-sm" data-testid="quality-card">
        {latest ? (
          <>
            <p>
              <span className="text-lg font-semibold">{latest.score.toFixed(1)}</span> / 100{" "}
              <span className="text-slate-500">on {dateFmt.format(new Date(latest.at))}</span>
            </p>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {(["completeness", "accuracy", "consistency"] as const).map((k) => (
                <div key={k} className="rounded bg-slate-50 p-2">
                  <dt className="text-xs capitalize text-slate-500">{k}</dt>
                  <dd className="font-medium tabular-nums">{latest.metrics[k].toFixed(1)} %</dd>
                </div>
              ))}
            </dl>
            {last && last.checks > 0 && (
              <p data-testid="quality-rules-passed">
                Contract rules: <span className="font-medium">{last.passed}</span> of {last.checks} passed in the last run
              </p>
            )}
            {trend.length > 1 && <ScoreTrend points={trend} />}
          </>
        ) : (
          <p className="text-slate-600">No quality run yet.</p>
        )}
        <p>
          <Link href={`${productHref}/quality`} className="text-brand-700 hover:underline">
            Quality history ({runs} runs)
          </Link>
        </p>
        {canRun && (
          <form action={action} className="space-y-2">
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="productHref" value={productHref} />
            <FormMessage state={state} />
            <SubmitButton variant="secondary" pendingText="Checking the table…">
              Run quality check
            </SubmitButton>
          </form>
        )}
      </div>
    </Card>
  );
}

/** The score of the latest runs as a line (0–100), with the figures in its accessible name. */
function ScoreTrend({ points }: { points: QualityTrendPoint[] }) {
  const w = 240;
  const h = 48;
  const x = (i: number) => (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const y = (score: number) => h - (Math.max(0, Math.min(100, score)) / 100) * h;
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const label = `Quality score trend over ${points.length} runs: from ${first.score.toFixed(1)} on ${dateFmt.format(new Date(first.at))} to ${last.score.toFixed(1)} on ${dateFmt.format(new Date(last.at))}; lowest ${Math.min(...points.map((p) => p.score)).toFixed(1)}.`;
  return (
    <figure className="space-y-1" data-testid="quality-trend">
      <svg viewBox={`0 0 ${w} ${h}`} className="h-12 w-full" role="img" aria-label={label} preserveAspectRatio="none">
        <line x1="0" x2={w} y1={y(90)} y2={y(90)} className="stroke-slate-200" strokeDasharray="3 3" />
        <path d={line} fill="none" className="stroke-brand-600" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="text-xs text-slate-500">Score over the last {points.length} runs (dashed: 90)</figcaption>
    </figure>
  );
}
