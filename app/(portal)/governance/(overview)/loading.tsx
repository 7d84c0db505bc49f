// While the governance overview loads: the tabs, the compliance totals and the per-domain table beside re-validation.
import { PageSkeleton, SkeletonChart, SkeletonHeader, SkeletonTable, SkeletonTabs, SkeletonTiles } from "@/components/ui/skeleton";

export default function GovernanceLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTabs />
      <SkeletonTiles className="sm:grid-cols-4" />
      <div className="grid gap-6 lg:grid-cols-5">
        <SkeletonTable rows={8} className="lg:col-span-3" />
        <SkeletonChart className="lg:col-span-2" />
      </div>
    </PageSkeleton>
  );
}
