// While the requests inbox loads: the status tabs and the requests table.
import { PageSkeleton, SkeletonHeader, SkeletonTable, SkeletonTabs } from "@/components/ui/skeleton";

export default function InboxLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTabs />
      <SkeletonTable rows={8} />
    </PageSkeleton>
  );
}
