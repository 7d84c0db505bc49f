// A policy's history: versions newest first (paginated) with author, time and note, and the diff
// between any two (?from=&to=, default: the latest against the one before it). Shared by the global
// and domain history pages.
import Link from "next/link";
import { comparePolicyVersions, listPolicyVersions, type PolicyRef } from "@/lib/governance/policies/history.db";
import { Card, EmptyState } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { ChangeTable } from "./change-table";
import { parsePage } from "@/lib/pagination";

const PAGE_SIZE = 20;

export type HistoryParams = { from?: string; to?: string; page?: string };

const int = (v: string | undefined) => (v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

export async function PolicyHistoryView({
  policyRef,
  basePath,
  exportBase,
  params,
}: {
  policyRef: PolicyRef;
  basePath: string;
  exportBase: string;
  params: HistoryParams;
}) {
  const page = parsePage(params.page);
  const history = await listPolicyVersions(policyRef, page, PAGE_SIZE);
  if (!history) return <EmptyState>This policy has no versions yet.</EmptyState>;
  const latest = history.policy.version;
  const to = int(params.to) ?? latest;
  const from = int(params.from) ?? to - 1;
  const comparison = from >= 1 && from !== to ? await comparePolicyVersions(policyRef, from, to) : null;
  const options = Array.from({ length: latest }, (_, i) => latest - i);
  const compareHref = (v: number) => `${basePath}?from=${v - 1}&to=${v}`;

  return (
    <div className="space-y-6">
      <Card title="Compare versions">
        <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Compare versions">
          <div className="min-w-28 flex-1 sm:flex-none">
            <label htmlFor="from" className="mb-1 block text-xs font-medium text-slate-600">
              From
            </label>
            <select id="from" name="from" defaultValue={from >= 1 ? String(from) : undefined} className={inputClass}>
              {options.map((v) => (
                <option key={v} value={v}>
                  Version {v}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-28 flex-1 sm:flex-none">
            <label htmlFor="to" className="mb-1 block text-xs font-medium text-slate-600">
              To
            </label>
            <select id="to" name="to" defaultValue={String(to)} className={inputClass}>
              {options.map((v) => (
                <option key={v} value={v}>
                  Version {v}
                  {v === latest ? " (current)" : ""}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Compare
          </Button>
        </form>
        <div className="mt-4" data-testid="policy-diff">
          {latest < 2 ? (
            <p className="text-sm text-slate-600">There is only one version so far.</p>
          ) : from === to ? (
            <p className="text-sm text-slate-600">Choose two different versions.</p>
          ) : !comparison ? (
            <p role="status" className="text-sm text-slate-600">
              There is no such version; choose versions from the lists.
            </p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-700">
                Version {comparison.from.version} ({comparison.from.author ?? "seed"}, {formatUtc(comparison.from.createdAt)}) → version{" "}
                {comparison.to.version} ({comparison.to.author ?? "seed"}, {formatUtc(comparison.to.createdAt)}):{" "}
                {comparison.changes.length} change{comparison.changes.length === 1 ? "" : "s"}
              </p>
              <ChangeTable changes={comparison.changes} />
            </>
          )}
        </div>
      </Card>
      <Card title="Versions">
        <Table>
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Saved</Th>
              <Th>By</Th>
              <Th>Note</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {history.versions.map((v) => (
              <tr key={v.version}>
                <Td className="whitespace-nowrap font-medium">
                  {v.version}
                  {v.version === latest && <span className="ml-1 text-xs text-slate-500">(current)</span>}
                </Td>
                <Td className="whitespace-nowrap">{formatUtc(v.createdAt)}</Td>
                <Td>{v.author ?? <span className="text-slate-500">seed</span>}</Td>
                <Td className="min-w-48">{v.note}</Td>
                <Td className="whitespace-nowrap">
                  {v.version > 1 && (
                    <Link href={compareHref(v.version)} className="mr-3 text-brand-700 hover:underline">
                      Changes
                    </Link>
                  )}
                  <a href={`${exportBase}&version=${v.version}`} className="text-brand-700 hover:underline">
                    YAML
                  </a>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={history.total}
          basePath={basePath}
          params={{ from: params.from, to: params.to }}
        />
      </Card>
    </div>
  );
}
