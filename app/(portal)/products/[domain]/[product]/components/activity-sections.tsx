// Tabs that show the product's past: its versions and its lifecycle moves.
import Link from "next/link";
import { Badge, LifecycleBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import type { VersionSummary } from "@/lib/products/dto";
import type { LifecycleEventDto } from "@/lib/products/queries";
import { formatDateTime } from "./format";

export function VersionsSection({
  versions,
  basePath,
  showCompareAll = true,
}: {
  versions: VersionSummary[];
  basePath: string;
  showCompareAll?: boolean;
}) {
  if (versions.length === 0) return <EmptyState>No versions recorded yet.</EmptyState>;
  return (
    <div className="space-y-3">
      <ol className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        {versions.map((v, i) => {
          // Newest first, so the version before this one is the next in the list.
          const previous = versions[i + 1];
          return (
            <li key={v.version} className="flex flex-wrap items-start gap-x-3 gap-y-1 p-4">
              <span className="font-mono font-semibold text-slate-900">{v.version}</span>
              {v.breaking && <Badge tone="red">breaking</Badge>}
              <p className="w-full text-sm text-slate-700 sm:w-auto sm:flex-1">{v.changeNote}</p>
              <span className="text-xs text-slate-500">
                {v.author ?? "Unknown"} · <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
              </span>
              {previous && (
                <Link
                  className="text-xs text-brand-700 hover:underline"
                  href={`${basePath}/versions?from=${encodeURIComponent(previous.version)}&to=${encodeURIComponent(v.version)}`}
                >
                  Changes since {previous.version}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
      {showCompareAll && versions.length > 1 && (
        <Link className="text-sm font-medium text-brand-700 hover:underline" href={`${basePath}/versions`}>
          Compare any two versions →
        </Link>
      )}
    </div>
  );
}

export function HistorySection({ events }: { events: LifecycleEventDto[] }) {
  if (events.length === 0) return <EmptyState>No lifecycle changes recorded yet.</EmptyState>;
  return (
    <ol className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} className="space-y-1 p-4">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {e.from ? <LifecycleBadge value={e.from} /> : <span className="text-slate-500">Registered</span>}
            <span aria-label="to" className="text-slate-400">
              →
            </span>
            <LifecycleBadge value={e.to} />
          </div>
          <p className="text-xs text-slate-500">
            {e.actor ?? "Unknown"} · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          </p>
          {e.note && <p className="text-sm text-slate-700">{e.note}</p>}
          {e.sunsetOn && (
            <p className="text-sm text-slate-700">
              Sunset on <time dateTime={e.sunsetOn}>{e.sunsetOn}</time>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
