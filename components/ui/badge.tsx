import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

const tones = {
  gray: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-blue-50 text-blue-700 ring-blue-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  purple: "bg-violet-50 text-violet-700 ring-violet-200",
} as const;

export type Tone = keyof typeof tones;

const base = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

export function Badge({ tone = "gray", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  // Only an extra className needs merging; a row of results renders several plain badges.
  return <span className={className ? cn(base, tones[tone], className) : `${base} ${tones[tone]}`}>{children}</span>;
}

export const classificationTone: Record<string, Tone> = { public: "green", internal: "blue", confidential: "amber", restricted: "red" };
export const lifecycleTone: Record<string, Tone> = {
  draft: "gray",
  in_review: "purple",
  published: "green",
  deprecated: "amber",
  retired: "red",
};

export function ClassificationBadge({ value }: { value: string }) {
  return <Badge tone={classificationTone[value] ?? "gray"}>{value}</Badge>;
}

export function LifecycleBadge({ value }: { value: string }) {
  return <Badge tone={lifecycleTone[value] ?? "gray"}>{value.replace("_", " ")}</Badge>;
}
