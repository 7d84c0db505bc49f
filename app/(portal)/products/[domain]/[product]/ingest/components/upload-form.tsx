"use client";
// CSV upload with a progress bar (bytes sent, from XHR upload events), then the server's answer: rows
// loaded, or the rejected rows by line number. Plus a JSON batch box for small loads.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextArea, inputClass } from "@/components/ui/field";
import type { LoadResult } from "@/lib/ingestion/ingest";
import { uploadTooLargeMessage } from "@/lib/ingestion/limits";
import { formatElapsed } from "@/lib/duration";
import { formatBytes } from "@/lib/format";

type Outcome = { kind: "result"; result: LoadResult } | { kind: "error"; message: string };

function parseResponse(status: number, text: string): Outcome {
  try {
    const body = JSON.parse(text) as LoadResult & { error?: string; fieldErrors?: Record<string, string[]> };
    if (body.loadId) return { kind: "result", result: body };
    return { kind: "error", message: body.error ?? `The server answered ${status}.` };
  } catch {
    return { kind: "error", message: `The server answered ${status}.` };
  }
}

function ResultView({ outcome, unit }: { outcome: Outcome; unit: "line" | "row" }) {
  if (outcome.kind === "error")
    return (
      <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {outcome.message}
      </div>
    );
  const r = outcome.result;
  if (r.status === "succeeded") {
    return (
      <div role="status" data-testid="load-result" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        Loaded <strong data-testid="rows-loaded">{r.rowsLoaded.toLocaleString("en")}</strong> rows ({formatBytes(r.bytes)}) in{" "}
        {formatElapsed(r.durationMs)}.
      </div>
    );
  }
  return (
    <div role="alert" data-testid="load-result" className="space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>
        Nothing was loaded: {r.errorCount.toLocaleString("en")} problem{r.errorCount === 1 ? "" : "s"}
        {r.errorCount > r.errors.length ? ` (the first ${r.errors.length} are listed)` : ""}. Fix them and upload the whole file again.
      </p>
      <div className="max-h-72 overflow-auto rounded bg-white ring-1 ring-red-200">
        <table className="min-w-full text-xs">
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left capitalize">
                {unit}
              </th>
              <th scope="col" className="px-2 py-1 text-left">
                Problem
              </th>
            </tr>
          </thead>
          <tbody>
            {r.errors.map((e, i) => (
              <tr key={i} className="border-t border-red-100">
                <td className="px-2 py-1 font-mono">{e.row}</td>
                <td className="px-2 py-1">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function CsvUploadForm({ endpoint, maxBytes }: { endpoint: string; maxBytes: number }) {
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "loading">("idle");
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    if (file.size > maxBytes) {
      setOutcome({ kind: "error", message: uploadTooLargeMessage(maxBytes) });
      return;
    }
    setOutcome(null);
    setPhase("uploading");
    setSent({ loaded: 0, total: file.size });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpoint);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (ev) => setSent({ loaded: ev.loaded, total: ev.lengthComputable ? ev.total : file.size });
    xhr.upload.onload = () => setPhase("loading");
    xhr.onload = () => {
      setPhase("idle");
      setOutcome(parseResponse(xhr.status, xhr.responseText));
      router.refresh();
    };
    xhr.onerror = () => {
      setPhase("idle");
      setOutcome({ kind: "error", message: "The upload failed; check your connection and try again." });
    };
    xhr.send(file);
  }

  const percent = sent && sent.total > 0 ? Math.round((sent.loaded / sent.total) * 100) : 0;
  return (
    <form onSubmit={upload} className="space-y-3">
      <div>
        <label htmlFor={`${id}-file`} className="mb-1 block text-sm font-medium text-slate-800">
          CSV file (header line first)
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".csv,text/csv"
          className={inputClass}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="submit" disabled={!file || phase !== "idle"} aria-busy={phase !== "idle"}>
        {phase === "uploading" ? "Uploading…" : phase === "loading" ? "Loading rows…" : "Upload and load"}
      </Button>
      {sent && phase !== "idle" && (
        <div>
          <progress className="h-2 w-full" max={100} value={percent} aria-label="Upload progress" />
          <p aria-live="polite" className="text-xs text-slate-600">
            {phase === "uploading"
              ? `${formatBytes(sent.loaded)} of ${formatBytes(sent.total)} sent (${percent}%)`
              : "Upload complete; checking every row and loading…"}
          </p>
        </div>
      )}
      {outcome && <ResultView outcome={outcome} unit="line" />}
    </form>
  );
}

export function JsonBatchForm({ endpoint, example }: { endpoint: string; example: string }) {
  const id = useId();
  const router = useRouter();
  const [text, setText] = useState(example);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
      setOutcome(parseResponse(res.status, await res.text()));
      router.refresh();
    } catch {
      setOutcome({ kind: "error", message: "The request failed; try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <div>
        <label htmlFor={`${id}-json`} className="mb-1 block text-sm font-medium text-slate-800">
          JSON array of rows
        </label>
        <TextArea
          id={`${id}-json`}
          name="json"
          rows={6}
          className="font-mono text-xs"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={busy} aria-busy={busy}>
        {busy ? "Loading…" : "Load JSON batch"}
      </Button>
      {outcome && <ResultView outcome={outcome} unit="row" />}
    </form>
  );
}
