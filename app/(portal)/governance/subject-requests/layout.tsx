// Decides the status (403) before the page renders.
import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { authorize } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function SubjectRequestsLayout({ children }: { children: ReactNode }) {
  await authorize(can.handleSubjectRequests, { action: "handleSubjectRequests", resource: "subject_requests" }).catch(() => forbidden());
  return children;
}
