// Decides the status (403) before loading.tsx streams the skeleton, which fixes the response at 200.
import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function PoliciesListLayout({ children }: { children: ReactNode }) {
  if (!can.readPolicies(await requirePageUser())) forbidden();
  return children;
}
