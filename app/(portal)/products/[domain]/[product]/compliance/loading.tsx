// While a product's compliance loads: the header, the status banner and the findings table.
import { PageSkeleton, Skeleton, SkeletonHeader, SkeletonTable } from "@/components/ui/skeleton";

export default function ComplianceLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <Skeleton className="mb-6 h-12 w-full" />
      <SkeletonTable rows={8} />
    </PageSkeleton>
  );
}
