// Placeholders a route's loading.tsx shows while its page streams in: grey blocks in the page's rough shape.
// No real headings or labels, so nothing (a test, a screen reader) mistakes the placeholder for the page.
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** The placeholder region: busy, and announced once as "Loading…" (visually hidden). */
export function PageSkeleton({ children, label = "Loading…" }: { children: ReactNode; label?: string }) {
  return (
    <div role="status" aria-busy="true" data-testid="page-skeleton">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded bg-slate-200", className)} />;
}

/** Where PageHeader stands: a title and a line of description. */
export function SkeletonHeader() {
  return (
    <div className="mb-6 space-y-2">
      <Skeleton className="h-7 w-64 max-w-full" />
      <Skeleton className="h-4 w-96 max-w-full" />
    </div>
  );
}

/** Where a row of section tabs stands. */
export function SkeletonTabs({ count = 4 }: { count?: number }) {
  return (
    <div className="mb-6 flex gap-4 border-b border-slate-200 pb-2">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} className="h-5 w-20" />
      ))}
    </div>
  );
}

/** Where a grid of figure tiles stands. */
export function SkeletonTiles({ count = 4, className }: { count?: number; className?: string }) {
  return (
    <div className={cn("mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4", className)}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <Skeleton className="h-3 w-24" />
          <Skeleton className="h-7 w-16" />
        </div>
      ))}
    </div>
  );
}

/** Where a Card with a table (or a list) stands. */
export function SkeletonTable({ rows = 6, className }: { rows?: number; className?: string }) {
  return (
    <div className={cn("space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5", className)}>
      <Skeleton className="h-5 w-40" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-4 w-full" />
      ))}
    </div>
  );
}

/** Where a Card with a chart stands. */
export function SkeletonChart({ className }: { className?: string }) {
  return (
    <div className={cn("space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5", className)}>
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
