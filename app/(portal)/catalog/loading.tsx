// While the catalog searches: the search bar, the result count and a list of results.
import { PageSkeleton, Skeleton, SkeletonHeader, SkeletonTable } from "@/components/ui/skeleton";

export default function CatalogLoading() {
  return (
    <PageSkeleton>
      <SkeletonHeader />
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="h-9 w-24" />
      </div>
      <Skeleton className="mb-2 h-4 w-40" />
      <SkeletonTable rows={10} />
    </PageSkeleton>
  );
}
