// The one contract every server action follows: authenticate first (fail closed), run the body, turn
// anything thrown into an ActionState (field errors and expected messages verbatim, the rest generic and
// logged with a correlation id), and run what follows a success — revalidatePath, redirect — only after
// the try, as Next.js asks: redirect() and notFound() throw control-flow errors a catch must not swallow.
//
// Ground floor: it imports only lib/errors and Next. Who may call is passed in (`requireUser`, or
// `() => authorize(can.x, message)` from lib/auth/current-user), so this file depends on no feature area
// and a unit test can hand it any gate.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { toActionState, type ActionState } from "@/lib/errors";

/** What an action's body hands back: a state now, or `afterSuccess(...)` to run outside the try. */
export type ActionResult = ActionState | AfterSuccess;

class AfterSuccess {
  constructor(readonly run: () => ActionState | void) {}
}

/**
 * Runs `run` once the body has succeeded, outside the error mapping: revalidatePath, then redirect()
 * (whose NEXT_REDIRECT must reach Next) or the state to return.
 */
export function afterSuccess(run: () => ActionState | void): AfterSuccess {
  return new AfterSuccess(run);
}

export type ServerAction = (prev: ActionState | null, formData: FormData) => Promise<ActionState>;

export type ActionOptions = {
  /** Maps an error the body threw to a richer state (e.g. a conflict with data); undefined = the usual mapping. */
  mapError?: (e: unknown) => ActionState | undefined;
};

/**
 * A `(prevState, formData)` server action for useActionState. `authenticate` runs first, inside the error
 * mapping, so a missing session or permission becomes the state's message (UnauthenticatedError,
 * ForbiddenError, both audited by the gate) and the body never runs.
 */
export function serverAction<U>(
  authenticate: () => Promise<U>,
  body: (user: U, formData: FormData) => Promise<ActionResult>,
  options: ActionOptions = {},
): ServerAction {
  return async (_prev, formData) => {
    let result: ActionResult;
    try {
      result = await body(await authenticate(), formData);
    } catch (e) {
      // A redirect()/notFound() reached from inside the body still goes to Next, never into the state.
      unstable_rethrow(e);
      return options.mapError?.(e) ?? toActionState(e);
    }
    if (!(result instanceof AfterSuccess)) return result;
    // undefined only where redirect() did not throw (a test's stand-in); Next itself never gets here.
    return result.run() as ActionState;
  };
}
