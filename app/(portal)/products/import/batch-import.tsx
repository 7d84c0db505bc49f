"use client";
// Several files at once: they go to the batch route (POST /api/v1/products/batch, the same one `meshport apply`
// uses) in batches of at most 1,000 documents and 16 MB (lib/products/batches.ts), each batch registered all or nothing with one governance
// validation pass. A progress bar counts the files sent; the result lists every product with its compliance
// status, a page at a time; a refused batch names each problem by file.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ComplianceStatusBadge } from "@/components/governance/compliance-badges";
import { Table, Td, Th } from "@/components/ui/table";
import { MAX_IMPORT_BYTES } from "@/lib/products/import-limits";
import { batchesOf } from "@/lib/products/batches";
import { plural } from "@/lib/format";
import type { ComplianceStatus } from "@/lib/governance";

type Product = {
  document: number;
  domain: string;
  name: string;
  version: string;
  status: ComplianceStatus;
  errors: number;
  warnings: number;
  href: string;
};
type Versioned = { document: number; action: string; domain: string; name: string; version: string; href: string };
type Refused = { document: number; domain: string; name: string; message: string; href: string };
type BatchAnswer = { registered: number; products: Product[]; versioned: Versioned[]; refused: Refused[] };
type Problem = { detail?: string; title?: string; errors?: Record<string, string[]> };
type Row = {
  file: string;
  action: "registered" | "versioned" | "refused";
  message?: string;
  domain: string;
  name: string;
  version: string;
  href: string;
  status?: ComplianceStatus;
  errors?: number;
  warnings?: number;
};

const PAGE = 25;

export function BatchImport({ files, domain, owner, onCancel }: { files: File[]; domain: string; owner: string; onCancel: () => void }) {
  const [sent, setSent] = useState(0);
  const [running, setRunning] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [refusal, setRefusal] = useState<{ message: string; problems: [string, string][] } | null>(null);
  const [done, setDone] = useState(false);
  const [page, setPage] = useState(1);
  const tooLarge = files.filter((f) => f.size > MAX_IMPORT_BYTES);

  async function run() {
    setRunning(true);
    setRefusal(null);
    setRows([]);
    setSent(0);
    setDone(false);
    const texts = await Promise.all(files.map((f) => f.text()));
    const query = new URLSearchParams();
    if (domain) query.set("domain", domain);
    if (owner) query.set("owner", owner);
    const all: Row[] = [];
    try {
      for (const [start, end] of batchesOf(texts)) {
        const res = await fetch(`/api/v1/products/batch${query.size > 0 ? `?${query}` : ""}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ documents: texts.slice(start, end) }),
        });
        if (!res.ok) {
          const problem = (await res.json().catch(() => ({}))) as Problem;
          // documents[3].schema[0].name → the file it came from, and the path inside it.
          const problems = Object.entries(problem.errors ?? {}).flatMap(([path, messages]) => {
            const m = /^documents\[(\d+)\]\.?(.*)$/.exec(path);
            const where = m ? `${files[start + Number(m[1])]?.name ?? path}${m[2] ? ` · ${m[2]}` : ""}` : path;
            return messages.map((message): [string, string] => [where, message]);
          });
          const before = start > 0 ? ` The ${start.toLocaleString("en")} files before this batch were imported.` : "";
          setRefusal({
            message: `${problem.detail ?? problem.title ?? `The portal answered ${res.status}.`} Files ${(start + 1).toLocaleString("en")}–${end.toLocaleString("en")} were not imported.${before}`,
            problems,
          });
          break;
        }
        const answer = (await res.json()) as BatchAnswer;
        // Each entry names its document's index in the batch: the file it came from.
        const file = (document: number) => files[start + document]?.name ?? "";
        for (const p of answer.products) all.push({ ...p, file: file(p.document), action: "registered" });
        for (const v of answer.versioned) all.push({ ...v, file: file(v.document), action: "versioned" });
        // A new version the portal refused (e.g. older than the stored one): nothing of it was saved.
        // Its `status` is an HTTP status and its `errors` field errors: not the row's validation, so neither is copied.
        for (const r of answer.refused)
          all.push({
            domain: r.domain,
            name: r.name,
            href: r.href,
            message: r.message,
            version: "",
            file: file(r.document),
            action: "refused",
          });
        setRows([...all]);
        setSent(end);
      }
    } catch {
      setRefusal({ message: "The portal could not be reached; nothing more was sent.", problems: [] });
    } finally {
      setRunning(false);
      setDone(true);
    }
  }

  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const failing = rows.filter((r) => r.status === "failing").length;
  const refusedVersions = rows.filter((r) => r.action === "refused").length;
  const totalBytes = files.reduce((n, f) => n + f.size, 0);

  return (
    <section
      aria-label="Import several files"
      data-testid="batch-import"
      className="space-y-4 rounded-md border border-slate-200 p-4 text-sm"
    >
      <p>
        <strong>{files.length.toLocaleString("en")} files</strong> ({(totalBytes / 1024).toFixed(0)} KB) are imported in batches of up to
        1,000: each batch is all or nothing, and every new product is validated against its domain&apos;s policy. Documents that name no
        domain or owner take the ones chosen above. A contract the portal already holds becomes a new version.
      </p>
      {tooLarge.length > 0 && (
        <p role="alert" className="text-red-800">
          {tooLarge.map((f) => f.name).join(", ")}: larger than 1 MB. Remove {tooLarge.length === 1 ? "it" : "them"} to import the rest.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={() => void run()} disabled={running || tooLarge.length > 0}>
          {running ? "Importing…" : `Import ${files.length.toLocaleString("en")} files`}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={running}>
          Choose other files
        </Button>
      </div>
      {(running || done) && (
        <div>
          <progress className="h-2 w-full" max={files.length} value={sent} aria-label="Files sent" data-testid="batch-progress" />
          {/* "Sent", not "imported": a version the portal refuses was sent and not saved; the breakdown says which is which. */}
          <p role="status" data-testid="batch-status">
            {sent.toLocaleString("en")} of {files.length.toLocaleString("en")} files sent
            {rows.length > 0
              ? `: ${plural(rows.filter((r) => r.action === "registered").length, "new product")}, ${plural(rows.filter((r) => r.action === "versioned").length, "new version")}${failing > 0 ? `, ${failing.toLocaleString("en")} failing validation` : ""}${refusedVersions > 0 ? `, ${plural(refusedVersions, "version")} not saved` : ""}`
              : ""}
            .
          </p>
        </div>
      )}
      {refusal && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
          <p className="font-medium">{refusal.message}</p>
          {refusal.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5" data-testid="batch-problems">
              {refusal.problems.slice(0, 50).map(([where, message], i) => (
                <li key={i}>
                  <code>{where}</code>: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <div>
          <Table stacked>
            <thead>
              <tr>
                <Th>File</Th>
                <Th>Product</Th>
                <Th>Version</Th>
                <Th>What happened</Th>
                <Th>Validation</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="batch-results">
              {shown.map((r, i) => (
                <tr key={`${page}-${i}`}>
                  <Td className="break-all" label="File">
                    {r.file}
                  </Td>
                  <Td label="Product">
                    <Link href={r.href} className="text-brand-700 hover:underline">
                      {r.domain}/{r.name}
                    </Link>
                  </Td>
                  <Td label="Version">{r.version}</Td>
                  <Td label="What happened">
                    {r.action === "registered"
                      ? "Registered (draft)"
                      : r.action === "versioned"
                        ? "New version"
                        : `Not saved: ${r.message}`}
                  </Td>
                  <Td label="Validation">
                    {r.status ? (
                      <>
                        <ComplianceStatusBadge status={r.status} /> {r.errors ? `${r.errors} errors` : ""}
                        {r.errors && r.warnings ? ", " : ""}
                        {r.warnings ? `${r.warnings} warnings` : ""}
                      </>
                    ) : (
                      <span className="text-slate-500">{r.action === "refused" ? "—" : "on the product page"}</span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Result pages" className="mt-2 flex items-center justify-between text-slate-600">
            <span>
              {((page - 1) * PAGE + 1).toLocaleString("en")}–{Math.min(rows.length, page * PAGE).toLocaleString("en")} of{" "}
              {rows.length.toLocaleString("en")}
            </span>
            <span className="flex gap-2">
              <Button type="button" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <Button type="button" variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </span>
          </nav>
        </div>
      )}
    </section>
  );
}
