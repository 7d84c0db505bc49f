"use client";
// "Re-validate all": starts a queued re-validation run, then shows its progress as the worker goes
// (polled, so closing the page does not stop it and a reload picks it up again), and refreshes the
// overview's numbers when it is done.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RevalidationRunDto } from "@/lib/governance/revalidation/run-progress.db";
import { Button } from "@/components/ui/button";
import { RevalidationProgress } from "@/components/governance/revalidation-progress";

type State =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "started"; runId: string; initial?: RevalidationRunDto }
  | { phase: "error"; message: string };

export function RevalidateAll({ active }: { active?: RevalidationRunDto | null }) {
  const router = useRouter();
  const [state, setState] = useState<State>(active ? { phase: "started", runId: active.id, initial: active } : { phase: "idle" });
  const [finished, setFinished] = useState(false);

  async function start() {
    setState({ phase: "starting" });
    setFinished(false);
    try {
      const res = await fetch("/api/governance/revalidate", { method: "POST" });
      const body = (await res.json().catch(() => null)) as { runId?: string; error?: string } | null;
      if (!res.ok || !body?.runId) {
        setState({ phase: "error", message: body?.error ?? `Re-validation could not start (${res.status}).` });
        return;
      }
      setState({ phase: "started", runId: body.runId });
    } catch {
      setState({ phase: "error", message: "The connection was lost before the re-validation started. Try again." });
    }
  }

  const busy = state.phase === "starting" || (state.phase === "started" && !finished);
  return (
    <div className="space-y-2" data-testid="revalidate-all">
      <Button type="button" onClick={start} disabled={busy} aria-busy={busy}>
        {busy ? "Re-validating…" : "Re-validate all products"}
      </Button>
      {state.phase === "started" && (
        <RevalidationProgress
          key={state.runId}
          runId={state.runId}
          initial={state.initial}
          onFinished={() => {
            setFinished(true);
            router.refresh();
          }}
        />
      )}
      {state.phase === "error" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.message}
        </p>
      )}
    </div>
  );
}
