// Decides the status (403) before loading.tsx streams the skeleton, which fixes the response at 200.
import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function ComplianceMonitorLayout({ children }: { children: ReactNode }) {
  await authorize(can.readCompliance, { action: "view_compliance", resource: "governance:compliance" }).catch(() => forbidden());
  return children;
}
