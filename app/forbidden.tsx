// Rendered inside the portal layout, whose <main> already holds it: a <div>, not a second main landmark.
import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg px-4 py-24 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not allow this. Ask a data admin if you need access.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 hover:underline">
        Back to the portal
      </Link>
    </div>
  );
}
