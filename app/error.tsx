"use client";
// Unexpected errors: a generic message and the digest the server logged, never a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">The error was logged{error.digest ? ` with reference ${error.digest}` : ""}.</p>
      <button onClick={reset} className="mt-6 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
