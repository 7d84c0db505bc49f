// Sub-navigation of the platform area; non-admins see only the capabilities page.
import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/platform", label: "Overview" },
  { href: "/platform/templates", label: "Product templates" },
  { href: "/platform/processing", label: "Processing templates" },
  { href: "/platform/config", label: "Configuration" },
  { href: "/platform/capabilities", label: "Capabilities" },
] as const;

export function PlatformTabs({ admin = true }: { admin?: boolean }) {
  return <SectionTabs label="Platform" tabs={admin ? TABS : TABS.filter((t) => t.href === "/platform/capabilities")} />;
}
