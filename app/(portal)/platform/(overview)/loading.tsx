// While the platform overview loads: the tabs, the figure tiles and the provisioning jobs.
import { PageSkeleton, SkeletonHeader, SkeletonTable, SkeletonTabs, SkeletonTiles } from "@/components/ui/skeleton";

export default function PlatformLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <SkeletonTabs />
      <SkeletonTiles count={5} className="lg:grid-cols-5" />
      <SkeletonTable rows={10} />
    </PageSkeleton>
  );
}
