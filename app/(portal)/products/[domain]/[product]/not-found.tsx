import Link from "next/link";

export default function ProductNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">No such data product</h1>
      <p className="mt-2 text-slate-600">It may have been renamed, or the link is mistyped.</p>
      <Link href="/catalog" className="mt-6 inline-block text-brand-700 hover:underline">
        Search the catalog
      </Link>
    </div>
  );
}
