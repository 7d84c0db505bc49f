// While a metrics dashboard loads: the figure tiles and the charts, two by two.
import { PageSkeleton, SkeletonChart, SkeletonHeader, SkeletonTiles } from "@/components/ui/skeleton";

export default function MetricsLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTiles count={8} className="grid-cols-1 sm:grid-cols-2" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SkeletonChart />
        <SkeletonChart />
        <SkeletonChart />
        <SkeletonChart />
      </div>
    </PageSkeleton>
  );
}
