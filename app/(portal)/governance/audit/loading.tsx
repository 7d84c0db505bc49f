// While the audit log loads: the tabs, the filters and the log's table.
import { PageSkeleton, Skeleton, SkeletonHeader, SkeletonTable, SkeletonTabs } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Skeleton className="h-9" />
        <Skeleton className="h-9" />
        <Skeleton className="h-9" />
      </div>
      <SkeletonTable rows={12} />
    </PageSkeleton>
  );
}
