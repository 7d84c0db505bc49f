import { redirect } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { Flash } from "@/components/ui/flash";
import { Nav } from "@/components/layout/nav";
import { signOutAction, signOutEverywhereAction } from "@/app/(auth)/sign-in/actions";
import { currentUnreadCount, getCurrentUser } from "@/lib/auth/current-user";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const unread = await currentUnreadCount();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-2 ring-brand-500 focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50"
      >
        Skip to content
      </a>
      <Nav user={user} signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} unread={unread} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
        <Suspense>
          <Flash />
        </Suspense>
        {children}
      </main>
    </div>
  );
}
