// Shown while the first catalog page renders; later searches keep the old results on screen instead.
export default function CatalogLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the catalog" className="animate-pulse">
      <div className="mb-6 h-8 w-40 rounded bg-slate-200" />
      <div className="mb-3 h-10 rounded bg-slate-200" />
      <div className="mb-6 grid grid-cols-2 gap-2 md:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => <div key={i} className="h-10 rounded bg-slate-200" />)}
      </div>
      <div className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="space-y-2 p-4">
            <div className="h-4 w-1/3 rounded bg-slate-200" />
            <div className="h-3 w-full rounded bg-slate-100" />
            <div className="h-3 w-2/3 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
