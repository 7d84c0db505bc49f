// The metrics section: tabs between the mesh dashboard, the rollout and the cost model, and the print
// stylesheet. Each page authorizes itself (a domain's team may open its own domain page only).
import type { ReactNode } from "react";
import "./print.css";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { MetricsTabs } from "./components/metrics-tabs";

export default async function MetricsLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      {can.readMetrics(user) && <MetricsTabs />}
      {children}
    </>
  );
}
