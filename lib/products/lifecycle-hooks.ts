// Extra checks that run inside a lifecycle transition's transaction (governance plugs its publish gate
// in here). Kept apart from move-lifecycle.ts so a hook module can register itself without importing
// the service that imports it.
import type { Tx } from "@/lib/db";
import type { Principal } from "@/lib/auth/permissions";
import type { LifecycleState } from "@/lib/products/types";
import type { MoveDetails } from "@/lib/products/lifecycle";

export type LifecycleHookProduct = { id: string; domain: string; name: string; from: LifecycleState };

/** Throw (e.g. a ValidationError) to refuse the transition; the transaction then rolls back. */
export type LifecycleHook = (
  tx: Tx,
  product: LifecycleHookProduct,
  to: LifecycleState,
  actor: Principal,
  details: MoveDetails,
) => Promise<void>;

// Keyed, so a module evaluated twice (dev reloads, separate server bundles) replaces its hook instead
// of running it twice.
const hooks = new Map<string, LifecycleHook>();

/** `key` names the hook, so registering it again replaces it instead of running it twice. */
export function onLifecycleTransition(hook: LifecycleHook, key: string): void {
  hooks.set(key, hook);
}

export function lifecycleHooks(): LifecycleHook[] {
  return [...hooks.values()];
}
