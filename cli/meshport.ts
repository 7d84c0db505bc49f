// meshport: the portal from a terminal or a CI job (GitOps: specs live in git, CI validates them on every
// pull request and applies them on merge). Talks to REST API v1 with a token; see README "The meshport CLI".
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readImportDocument } from "@/lib/products/contract/read-document";
import { completeProjection, type Projection } from "@/lib/products/contract/project";
import { diffContracts } from "@/lib/products/contract/diff";
import type { OdcsContract } from "@/lib/products/contract/types";
import { describeChange, diffSpecs } from "@/lib/products/diff";
import type { DataProductSpec } from "@/lib/products/types";
import { readConfig, writeConfig } from "./config";
import { batchesOf } from "@/lib/products/batches";

type Out = { log: (s: string) => void; error: (s: string) => void };
type Finding = { ruleId: string; severity: string; message: string; path: string; fixHint: string };
type ApplyResult = { action: string; domain: string; name: string; version: string; status: string; findings: Finding[] };
type Problem = { detail?: string; errors?: Record<string, string[]> };
type BatchResult = {
  registered: number;
  products: { domain: string; name: string; version: string; status: string; errors: number; warnings: number }[];
  versioned: { action: string; domain: string; name: string; version: string; status?: string; errors?: number; warnings?: number }[];
  /** Versions of existing products the portal refused (nothing of them saved). */
  refused: { document: number; domain: string; name: string; status: number; message: string; errors: Record<string, string[]> }[];
};

const USAGE = `meshport — the Meshport data mesh portal from the command line

  meshport login --url <portal> [--token <mp_…>]   store the portal URL and a token (or MESHPORT_TOKEN)
  meshport apply -f <file|dir> [-f …] [--domain d] [--owner o] [--json]
                                                  register products / add versions; exit 1 on errors
                                                  (several documents: in batches of 1,000 / 16 MB, each
                                                  all or nothing)
  meshport validate -f <file|dir> [-f …] [--json]  validate against the policy, write nothing
  meshport diff -f <file|dir> [--domain d] [--owner o]
                                                  changes against the stored version (datasets,
                                                  nested properties; breaking ones marked)
  meshport get products [--domain d] [-q text] [--json]
  meshport export <domain>/<name> [--format yaml|odcs|odps] [--version v] [-o file]
  meshport access request <domain>/<name> --purpose "…"

Environment: MESHPORT_URL, MESHPORT_TOKEN override the stored login (for CI).`;

class CliError extends Error {}

function specFiles(target: string): string[] {
  const st = statSync(target, { throwIfNoEntry: false });
  if (!st) throw new CliError(`${target}: no such file or directory`);
  if (st.isFile()) return [target];
  return readdirSync(target, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

function client(out: Out) {
  const { url, token } = readConfig();
  if (!url || !token)
    throw new CliError("Not logged in: run `meshport login --url <portal> --token <mp_…>` or set MESHPORT_URL and MESHPORT_TOKEN.");
  return async (method: string, route: string, body?: string, contentType = "application/yaml") => {
    const res = await fetch(new URL(route, url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
      body,
    }).catch((e: unknown) => {
      throw new CliError(`Cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const text = await res.text();
    if (res.status === 429) out.error(`Rate limited; retry after ${res.headers.get("retry-after")} s.`);
    return { status: res.status, ok: res.ok, text, json: <T>() => JSON.parse(text) as T };
  };
}

/** The problem's detail and field errors; `field` renames a key (a batch's documents[3] → its file). */
function problemText(text: string, field: (key: string) => string = (k) => k): string {
  try {
    const p = JSON.parse(text) as Problem;
    const fields = Object.entries(p.errors ?? {}).map(([k, v]) => `  ${field(k)}: ${v.join("; ")}`);
    return [p.detail ?? text, ...fields].join("\n");
  } catch {
    return text;
  }
}

function printFindings(out: Out, findings: Finding[]) {
  for (const f of findings)
    out.log(`  ${f.severity.padEnd(7)} ${f.ruleId} ${f.path}: ${f.message}${f.fixHint ? ` (fix: ${f.fixHint})` : ""}`);
}

async function applyOrValidate(out: Out, args: string[], mode: "apply" | "validate"): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: "string", short: "f", multiple: true },
      domain: { type: "string" },
      owner: { type: "string" },
      json: { type: "boolean" },
      "change-note": { type: "string" },
    },
  });
  if (!values.file?.length) throw new CliError(`${mode} needs -f <file|dir>`);
  const files = [...new Set(values.file.flatMap(specFiles))];
  const call = client(out);
  const query = new URLSearchParams();
  if (values.domain) query.set("domain", values.domain);
  if (values.owner) query.set("owner", values.owner);
  if (mode === "apply" && files.length > 1) {
    if (values["change-note"]) out.error("--change-note applies to a single document; a batch's versions are noted “Imported (batch)”.");
    return applyBatch(out, call, files, query, values.json ?? false);
  }
  if (values["change-note"]) query.set("changeNote", values["change-note"]);
  const route = `/api/v1/products${mode === "validate" ? "/validate" : ""}${query.size ? `?${query}` : ""}`;
  let failed = false;
  const report: unknown[] = [];
  for (const file of files) {
    const res = await call("POST", route, readFileSync(file, "utf8"));
    if (!res.ok) {
      failed = true;
      report.push({ file, status: res.status, problem: JSON.parse(res.text) as unknown });
      if (!values.json) out.error(`✗ ${file}: ${problemText(res.text)}`);
      continue;
    }
    const r = res.json<ApplyResult>();
    const errors = r.findings.filter((f) => f.severity === "error").length;
    if (errors > 0) failed = true;
    report.push({ file, ...r });
    if (!values.json) {
      out.log(`${errors > 0 ? "✗" : "✓"} ${file}: ${r.action} ${r.domain}/${r.name} ${r.version} — ${r.status}`);
      printFindings(out, r.findings);
    }
  }
  if (values.json) out.log(JSON.stringify(report, null, 2));
  return failed ? 1 : 0;
}

/** Consecutive runs of files whose request stays within the batch route's limits (lib/products/batches.ts). */
function batches(files: { file: string; text: string }[]): { file: string; text: string }[][] {
  return batchesOf(files.map((f) => f.text)).map(([start, end]) => files.slice(start, end));
}

/**
 * Several documents: POST /api/v1/products/batch, one request per batch, two at a time. Each batch is all or
 * nothing; after a refused one no further batch is sent (the others stay applied), so a fix and a re-run finish the job.
 */
async function applyBatch(
  out: Out,
  call: ReturnType<typeof client>,
  paths: string[],
  query: URLSearchParams,
  json: boolean,
): Promise<number> {
  const chunks = batches(paths.map((file) => ({ file, text: readFileSync(file, "utf8") })));
  const route = `/api/v1/products/batch${query.size ? `?${query}` : ""}`;
  const combined: BatchResult & { refusedBatches: { files: string[]; status: number; problem: unknown }[] } = {
    registered: 0,
    products: [],
    versioned: [],
    refused: [],
    refusedBatches: [],
  };
  let failing = 0;
  let started = 0;
  let stopped = false;
  // Two batches in flight: the portal validates one while PostgreSQL writes the other (docs/benchmarks.md: about
  // 1.2× the throughput of one at a time). After a refusal no further batch starts; the one in flight finishes.
  const send = async (n: number) => {
    const chunk = chunks[n];
    const res = await call("POST", route, JSON.stringify({ documents: chunk.map((c) => c.text) }), "application/json");
    if (!res.ok) {
      stopped = true;
      const files = chunk.map((c) => c.file);
      combined.refusedBatches.push({ files, status: res.status, problem: JSON.parse(res.text) as unknown });
      if (!json) {
        const named = (key: string) =>
          key.replace(/^documents\[(\d+)\]\.?/, (_, i: string) => `${files[Number(i)] ?? `document ${i}`} `).trimEnd();
        const which = chunks.length > 1 ? ` (batch ${n + 1} of ${chunks.length}: ${files.length} files)` : "";
        out.error(`✗ refused${which}, nothing of it applied: ${problemText(res.text, named)}`);
      }
      return;
    }
    const r = res.json<BatchResult>();
    combined.registered += r.registered;
    combined.products.push(...r.products);
    combined.versioned.push(...r.versioned);
    for (const p of r.products) {
      if (p.status === "failing") failing++;
      if (!json)
        out.log(
          `${p.status === "failing" ? "✗" : "✓"} registered ${p.domain}/${p.name} ${p.version} — ${p.status} (${p.errors} error(s), ${p.warnings} warning(s))`,
        );
    }
    combined.refused.push(...r.refused);
    for (const v of r.refused) {
      if (!json) {
        const fields = Object.entries(v.errors).map(([k, m]) => `\n  ${k}: ${m.join("; ")}`);
        out.error(
          `✗ version refused ${v.domain}/${v.name} (${chunk[v.document]?.file ?? `document ${v.document}`}): ${v.message}${fields.join("")}`,
        );
      }
    }
    for (const v of r.versioned) {
      if (v.status === "failing") failing++;
      if (!json) {
        const validation = v.status ? ` — ${v.status} (${v.errors ?? 0} error(s), ${v.warnings ?? 0} warning(s))` : "";
        out.log(`${v.status === "failing" ? "✗" : "✓"} ${v.action} ${v.domain}/${v.name} ${v.version}${validation}`);
      }
    }
  };
  const worker = async () => {
    while (!stopped && started < chunks.length) await send(started++);
  };
  await Promise.all([worker(), worker()]);
  if (!json && started < chunks.length) out.error(`  ${chunks.length - started} later batch(es) not sent.`);
  if (json) out.log(JSON.stringify(combined, null, 2));
  else {
    const refused = combined.refusedBatches.length > 0 ? "; a batch was refused" : "";
    const versionsRefused = combined.refused.length > 0 ? `, ${combined.refused.length} version(s) refused` : "";
    out.log(`${combined.registered} registered, ${combined.versioned.length} versioned${versionsRefused}, ${failing} failing${refused}.`);
  }
  return failing > 0 || combined.refusedBatches.length > 0 || combined.refused.length > 0 ? 1 : 0;
}

type Local = { projection: Projection; contract: OdcsContract | null };

/**
 * A document read as the portal reads an import (lib/products/contract/read-document.ts: seed YAML, ODCS or ODPS,
 * several datasets, nested properties), read once; `specOf` completes it.
 */
function readLocal(text: string, defaults: { domain?: string; owner?: string }): Local {
  const read = readImportDocument(text, "auto", defaults);
  if (!read.ok) throw new CliError(read.errors.map((e) => `${e.path}${e.line ? ` (line ${e.line})` : ""}: ${e.message}`).join("\n"));
  if (!read.projection.spec.domain) throw new CliError("domain: the document names no domain; pass --domain.");
  return { projection: read.projection, contract: read.contract };
}

/** The checked spec. `owner` stands in for one the document does not name as an e-mail (the portal maps a username). */
function specOf({ projection }: Local, owner?: string): DataProductSpec {
  const checked = completeProjection({ ...projection, spec: { ...projection.spec, owner: projection.spec.owner ?? owner } });
  if (!checked.success) throw new CliError(checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  return checked.data;
}

async function diff(out: Out, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { file: { type: "string", short: "f" }, domain: { type: "string" }, owner: { type: "string" } },
  });
  if (!values.file) throw new CliError("diff needs -f <file|dir>");
  const call = client(out);
  for (const file of specFiles(values.file)) {
    const local = readLocal(readFileSync(file, "utf8"), { domain: values.domain, owner: values.owner });
    const { domain = "", name, version } = local.projection.spec;
    const at = `/api/v1/products/${encodeURIComponent(domain)}/${encodeURIComponent(name)}/contract`;
    const res = await call("GET", `${at}?format=yaml`);
    if (res.status === 404) {
      out.log(`+ ${domain}/${name} ${version}: new product`);
      continue;
    }
    if (!res.ok) throw new CliError(`${file}: ${problemText(res.text)}`);
    const remote = specOf(readLocal(res.text, {}));
    // What the portal compares when it saves the version (lib/products/save-version.ts): the specs, and for a
    // declared contract its other datasets and nested properties against the stored contract.
    let remoteContract: OdcsContract | null = null;
    if (local.contract) {
      const stored = await call("GET", `${at}?format=odcs`);
      if (!stored.ok) throw new CliError(`${file}: ${problemText(stored.text)}`);
      remoteContract = readLocal(stored.text, {}).contract;
    }
    const changes = [...diffSpecs(remote, specOf(local, remote.owner)), ...diffContracts(remoteContract, local.contract)];
    out.log(`~ ${domain}/${name} ${remote.version} → ${version}: ${changes.length === 0 ? "no changes" : `${changes.length} change(s)`}`);
    for (const c of changes) out.log(`  ${c.breaking ? "BREAKING " : ""}${describeChange(c)}`);
  }
  return 0;
}

async function getProducts(out: Out, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { domain: { type: "string" }, q: { type: "string", short: "q" }, json: { type: "boolean" }, page: { type: "string" } },
  });
  if (positionals[0] !== "products") throw new CliError("Usage: meshport get products [--domain d] [-q text] [--json]");
  const query = new URLSearchParams({ pageSize: "100", page: values.page ?? "1" });
  if (values.domain) query.set("domain", values.domain);
  if (values.q) query.set("q", values.q);
  const res = await client(out)("GET", `/api/v1/products?${query}`);
  if (!res.ok) throw new CliError(problemText(res.text));
  const list = res.json<{
    items: { domain: string; name: string; version: string; lifecycle: string; classification: string }[];
    total: number;
  }>();
  if (values.json) out.log(JSON.stringify(list, null, 2));
  else {
    out.log(["DOMAIN/NAME".padEnd(48), "VERSION".padEnd(10), "LIFECYCLE".padEnd(12), "CLASSIFICATION"].join(" "));
    for (const p of list.items)
      out.log([`${p.domain}/${p.name}`.padEnd(48), p.version.padEnd(10), p.lifecycle.padEnd(12), p.classification].join(" "));
    out.log(`${list.items.length} of ${list.total}`);
  }
  return 0;
}

function productRef(arg: string | undefined): { domain: string; name: string } {
  const m = /^([a-z0-9-]+)\/([a-z0-9_-]+)$/.exec(arg ?? "");
  if (!m) throw new CliError("Name the product as <domain>/<name>.");
  return { domain: m[1], name: m[2] };
}

async function exportProduct(out: Out, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "yaml" }, output: { type: "string", short: "o" }, version: { type: "string" } },
  });
  const { domain, name } = productRef(positionals[0]);
  const query = new URLSearchParams({ format: values.format ?? "yaml", ...(values.version ? { version: values.version } : {}) });
  const res = await client(out)("GET", `/api/v1/products/${domain}/${name}/contract?${query}`);
  if (!res.ok) throw new CliError(problemText(res.text));
  if (values.output) writeFileSync(values.output, res.text);
  else out.log(res.text.trimEnd());
  return 0;
}

async function access(out: Out, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { purpose: { type: "string" } } });
  if (positionals[0] !== "request") throw new CliError('Usage: meshport access request <domain>/<name> --purpose "…"');
  const ref = productRef(positionals[1]);
  const res = await client(out)(
    "POST",
    "/api/v1/access-requests",
    JSON.stringify({ ...ref, purpose: values.purpose ?? "" }),
    "application/json",
  );
  if (!res.ok) throw new CliError(problemText(res.text));
  out.log(`Requested access to ${ref.domain}/${ref.name} (request ${res.json<{ id: string }>().id}); its owners decide.`);
  return 0;
}

async function login(out: Out, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, token: { type: "string" } } });
  const url = values.url ?? process.env.MESHPORT_URL;
  const token = values.token ?? process.env.MESHPORT_TOKEN;
  if (!url || !token)
    throw new CliError("login needs --url and --token (or MESHPORT_URL / MESHPORT_TOKEN). Create a token under API tokens in the portal.");
  const res = await fetch(new URL("/api/v1/access-requests", url), { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!res) throw new CliError(`Cannot reach ${url}.`);
  if (!res.ok) throw new CliError(`The portal refused the token: ${problemText(await res.text())}`);
  const file = writeConfig({ url, token });
  out.log(`Logged in to ${url}; token stored in ${file}.`);
  return 0;
}

export async function main(argv: string[], out: Out = { log: (s) => console.log(s), error: (s) => console.error(s) }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "login":
        return await login(out, rest);
      case "apply":
        return await applyOrValidate(out, rest, "apply");
      case "validate":
        return await applyOrValidate(out, rest, "validate");
      case "diff":
        return await diff(out, rest);
      case "get":
        return await getProducts(out, rest);
      case "export":
        return await exportProduct(out, rest);
      case "access":
        return await access(out, rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        out.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof CliError || (e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      out.error(e.message);
      return 2;
    }
    throw e;
  }
}
