"use client";
// A re-validation run's live progress ("Re-validating 1,234 / 9,000 products…"), then its outcome.
// Calls onFinished once when the run completes, so the page can refresh its numbers.
import { useEffect, useRef } from "react";
import type { RevalidationRunDto } from "@/lib/governance/revalidation/run-progress.db";
import { isActiveJob } from "@/components/ui/job-status";
import { useRevalidationRun } from "./use-revalidation-run";

const n = (v: number) => v.toLocaleString("en");
const plural = (v: number, word: string) => `${n(v)} ${word}${v === 1 ? "" : "s"}`;

type Props = {
  runId: string;
  initial?: RevalidationRunDto;
  /** Products the run covers, known before the first poll answers. */
  total?: number;
  onFinished?: () => void;
};

export function RevalidationProgress({ runId, initial, total, onFinished }: Props) {
  const { data: run, error } = useRevalidationRun(runId, initial);
  const reported = useRef(false);
  const active = isActiveJob(run?.status);
  useEffect(() => {
    if (run && !active && !reported.current) {
      reported.current = true;
      onFinished?.();
    }
  }, [run, active, onFinished]);

  if (error && !run)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!run) {
    return (
      <p data-testid="revalidation-progress" data-status="starting" className="text-sm text-slate-700" aria-live="polite">
        {total === undefined ? "Starting the re-validation…" : `Re-validating 0 / ${plural(total, "product")}…`}
      </p>
    );
  }
  const percent = run.total > 0 ? Math.round((run.done / run.total) * 100) : 100;
  return (
    <div data-testid="revalidation-progress" data-status={run.status} className="space-y-1">
      {active ? (
        <>
          <div
            role="progressbar"
            aria-label="Re-validation progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 w-full max-w-sm overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-sm text-slate-700" aria-live="polite">
            {run.status === "queued" && run.done === 0
              ? `Waiting for a worker to re-validate ${plural(run.total, "product")}…`
              : `Re-validating ${n(run.done)} / ${plural(run.total, "product")}…`}
          </p>
        </>
      ) : (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {run.total === 0
            ? "No products to re-validate."
            : `Re-validated ${plural(run.done, "product")}: ${n(run.passing)} passing, ${n(run.warnings)} with warnings, ${n(run.failing)} failing.`}
          {run.failed > 0 && ` ${plural(run.failed, "product")} could not be validated (see the server log).`}
        </p>
      )}
    </div>
  );
}
