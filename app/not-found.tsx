// Rendered on request, not prerendered: a prerendered 404 is static HTML whose scripts carry no CSP
// nonce (proxy.ts makes a new one per request), so the browser would block them.
import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it is not visible to you.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 hover:underline">
        Back to the portal
      </Link>
    </main>
  );
}
