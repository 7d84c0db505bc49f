// While a product's overview loads: the header, the lifecycle card, the tabs and a section.
import { PageSkeleton, SkeletonHeader, SkeletonTable, SkeletonTabs } from "@/components/ui/skeleton";

export default function ProductLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTable rows={2} className="mb-6" />
      <SkeletonTabs count={5} />
      <SkeletonTable rows={8} />
    </PageSkeleton>
  );
}
