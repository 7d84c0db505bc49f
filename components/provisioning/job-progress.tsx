"use client";
// Live progress of one provisioning job: each step's status, duration and log lines, updated by
// polling without reloading the page. When the job finishes, the server-rendered parts refresh.
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { CircleCheck, CircleX, Circle, LoaderCircle } from "lucide-react";
import type { JobDto, StepDto } from "@/lib/provisioning/queries";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { formatElapsed } from "@/lib/duration";
import { isActiveJob, statusTone } from "./format";
import { useJob } from "./use-job";

function StepIcon({ status }: { status: string }) {
  if (status === "succeeded") return <CircleCheck aria-hidden className="size-5 shrink-0 text-emerald-600" />;
  if (status === "failed") return <CircleX aria-hidden className="size-5 shrink-0 text-red-600" />;
  if (status === "running") return <LoaderCircle aria-hidden className="size-5 shrink-0 animate-spin text-blue-600" />;
  return <Circle aria-hidden className="size-5 shrink-0 text-slate-300" />;
}

function Step({ step, detail }: { step: StepDto; detail: boolean }) {
  const last = step.logs[step.logs.length - 1];
  return (
    <li className="py-2" data-testid={`step-${step.step}`} data-status={step.status}>
      <div className="flex items-start gap-2">
        <StepIcon status={step.status} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 text-sm">
            <span className="font-medium text-slate-900">{step.label}</span>
            <Badge tone={statusTone[step.status] ?? "gray"}>{step.status}</Badge>
            {step.durationMs !== null && step.status !== "running" && (
              <span className="text-xs text-slate-500">{formatElapsed(step.durationMs)}</span>
            )}
          </div>
          {step.error && <p className="mt-1 break-words text-sm text-red-700">{step.error}</p>}
          {!detail && last && !step.error && <p className="mt-0.5 truncate text-xs text-slate-500">{last.message}</p>}
          {detail && step.logs.length > 0 && (
            <details open={step.status !== "succeeded"} className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-500">
                {step.logs.length} log line{step.logs.length === 1 ? "" : "s"}
              </summary>
              <ol className="mt-1 space-y-0.5 rounded bg-slate-50 p-2 font-mono text-xs text-slate-700">
                {step.logs.map((l, i) => (
                  <li key={i} className={cn("break-words", l.level === "error" && "text-red-700", l.level === "warn" && "text-amber-800")}>
                    <span className="text-slate-400">{l.at.slice(11, 19)}</span> {l.message}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      </div>
    </li>
  );
}

export function JobProgress({ jobId, initial, detail = false }: { jobId: string; initial?: JobDto; detail?: boolean }) {
  const router = useRouter();
  const { data: job, error } = useJob(jobId, initial);
  const previous = useRef(job?.status);
  useEffect(() => {
    if (previous.current && isActiveJob(previous.current) && job && !isActiveJob(job.status)) router.refresh();
    previous.current = job?.status;
  }, [job, router]);

  if (!job) return <p className="text-sm text-slate-500">{error ? error.message : "Loading…"}</p>;
  const done = job.steps.filter((s) => s.status === "succeeded").length;
  return (
    <div data-testid="job-progress" data-job-status={job.status}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span role="status" aria-live="polite" className="font-medium text-slate-800">
          {job.kind === "deprovision" ? "Deprovisioning" : job.kind === "promote" ? "Promotion" : "Provisioning"} {job.status}
        </span>
        <span className="text-slate-500">
          {done} of {job.steps.length} steps
        </span>
      </div>
      <div className="mt-2 h-1.5 w-full overflow-hidden rounded bg-slate-100" aria-hidden>
        <div
          className={cn("h-full transition-all", job.status === "failed" ? "bg-red-500" : "bg-emerald-500")}
          style={{ width: `${(done / Math.max(1, job.steps.length)) * 100}%` }}
        />
      </div>
      <ol className="mt-1 divide-y divide-slate-100">
        {job.steps.map((s) => (
          <Step key={s.step} step={s} detail={detail} />
        ))}
      </ol>
      {job.error && job.status === "failed" && <p className="sr-only">{job.error}</p>}
    </div>
  );
}
