// While the policy list loads: the tabs and the policies' table.
import { PageSkeleton, SkeletonHeader, SkeletonTable, SkeletonTabs } from "@/components/ui/skeleton";

export default function PoliciesLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTabs />
      <SkeletonTable rows={10} />
    </PageSkeleton>
  );
}
