// The lifecycle state machine: draft → in review → published → deprecated → retired.
import type { LifecycleState } from "@/lib/products/types";

export type Transition = { to: LifecycleState; label: string; /** who may trigger it */ gate: "editor" | "owner" };

export const TRANSITIONS: Record<LifecycleState, Transition[]> = {
  draft: [{ to: "in_review", label: "Submit for review", gate: "editor" }],
  in_review: [
    { to: "published", label: "Publish", gate: "owner" },
    { to: "draft", label: "Send back to draft", gate: "owner" },
  ],
  published: [{ to: "deprecated", label: "Deprecate", gate: "owner" }],
  deprecated: [
    { to: "published", label: "Un-deprecate", gate: "owner" },
    { to: "retired", label: "Retire", gate: "owner" },
  ],
  retired: [],
};

export function findTransition(from: LifecycleState, to: LifecycleState): Transition | undefined {
  return TRANSITIONS[from].find((t) => t.to === to);
}
