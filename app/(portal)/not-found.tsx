// notFound() from a portal page: shown inside the portal layout (navigation, one <main>). Addresses no
// route matches get app/not-found.tsx, which stands alone and so has its own <main>.
import Link from "next/link";

export default function PortalNotFound() {
  return (
    <div className="mx-auto max-w-lg px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it is not visible to you.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 hover:underline">
        Back to the portal
      </Link>
    </div>
  );
}
