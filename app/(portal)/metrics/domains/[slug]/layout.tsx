// Decides the status (403, 404) before loading.tsx streams the skeleton, which fixes the response at 200.
import type { ReactNode } from "react";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getMetricsDomain } from "@/lib/metrics/queries";

export default async function DomainDashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const user = await requirePageUser();
  const { slug } = await params;
  if (!can.readDomainMetrics(user, slug)) forbidden();
  if (!(await getMetricsDomain(slug))) notFound();
  return children;
}
