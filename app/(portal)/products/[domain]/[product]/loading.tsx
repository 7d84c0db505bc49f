export default function ProductLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the data product" className="animate-pulse">
      <div className="mb-2 h-4 w-40 rounded bg-slate-200" />
      <div className="mb-2 h-8 w-64 rounded bg-slate-200" />
      <div className="mb-6 h-5 w-48 rounded bg-slate-100" />
      <div className="mb-4 flex gap-2 border-b border-slate-200 pb-2">
        {Array.from({ length: 5 }, (_, i) => <div key={i} className="h-6 w-20 rounded bg-slate-200" />)}
      </div>
      <div className="h-40 rounded-lg bg-white ring-1 ring-slate-200" />
    </div>
  );
}
