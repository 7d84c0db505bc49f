"use client";
// "Re-validate all": streams the server's progress (one JSON line per batch) into a progress bar, then
// refreshes the overview so the new numbers show.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

type Progress = { done: number; total: number };
type Summary = { total: number; validated: number; passing: number; warnings: number; failing: number };
type Line = { type: "progress"; done: number; total: number } | { type: "done"; summary: Summary } | { type: "error"; message: string };
type State = { phase: "idle" } | { phase: "running"; progress: Progress | null } | { phase: "done"; summary: Summary } | { phase: "error"; message: string };

export function RevalidateAll() {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: "idle" });

  async function run() {
    setState({ phase: "running", progress: null });
    try {
      const res = await fetch("/api/governance/revalidate", { method: "POST", headers: { Accept: "application/x-ndjson" } });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setState({ phase: "error", message: body?.error ?? `Re-validation failed (${res.status}).` });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const text of lines) {
          if (!text.trim()) continue;
          const line = JSON.parse(text) as Line;
          if (line.type === "progress") setState({ phase: "running", progress: { done: line.done, total: line.total } });
          else if (line.type === "done") setState({ phase: "done", summary: line.summary });
          else setState({ phase: "error", message: line.message });
        }
      }
      router.refresh();
    } catch {
      setState({ phase: "error", message: "The connection was lost. The re-validation may still be running; reload in a moment." });
    }
  }

  const running = state.phase === "running";
  const progress = running ? state.progress : null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="space-y-2" data-testid="revalidate-all">
      <Button type="button" onClick={run} disabled={running} aria-busy={running}>
        {running ? "Re-validating…" : "Re-validate all products"}
      </Button>
      {running && (
        <div>
          <div role="progressbar" aria-label="Re-validation progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full max-w-sm overflow-hidden rounded-full bg-slate-200">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600" aria-live="polite">{progress ? `${progress.done} of ${progress.total} products` : "Starting…"}</p>
        </div>
      )}
      <div aria-live="polite">
        {state.phase === "done" && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Re-validated {state.summary.validated} products: {state.summary.passing} passing, {state.summary.warnings} with warnings, {state.summary.failing} failing.
          </p>
        )}
        {state.phase === "error" && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.message}</p>}
      </div>
    </div>
  );
}
