// Decides the status (403) before loading.tsx streams the skeleton, which fixes the response at 200.
import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { usesAccessInbox } from "@/lib/consumers/queries";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  if (!usesAccessInbox(await requirePageUser())) forbidden();
  return children;
}
