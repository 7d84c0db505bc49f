import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { signOutAction, signOutEverywhereAction } from "@/app/(auth)/sign-in/actions";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return (
    <div className="min-h-screen">
      <Nav user={user} signOut={signOutAction} signOutEverywhere={signOutEverywhereAction} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
