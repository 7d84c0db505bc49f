// Decides the status (403) before loading.tsx streams the skeleton, which fixes the response at 200.
import type { ReactNode } from "react";
import { requirePlatformAdmin } from "../components/require-admin";

export default async function PlatformOverviewLayout({ children }: { children: ReactNode }) {
  await requirePlatformAdmin();
  return children;
}
