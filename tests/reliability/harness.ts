// Calls server actions and route handlers the way Next.js would, inside vitest: the session comes from
// `state.session` (the real getCurrentUser/authorize/requireUser code runs on top of it), Next's
// request-bound helpers record instead of throwing, and every error an action turns into its state is
// kept, so a permission failure can be told from any other refusal. Test files install the mocks with:
//   vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
//   vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
//   vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
//   vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));
import path from "node:path";
import type { ActionState } from "@/lib/errors";
// Type-only at the top: the mocked "@/lib/errors" imports this file, so the module is loaded lazily below.
import type * as Errors from "@/lib/errors";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export const state = {
  session: null as { uid: string } | null,
  errors: [] as unknown[],
  redirects: [] as string[],
};

export function mockAuth<T extends object>(original: T): T {
  return {
    ...original,
    auth: async () =>
      state.session
        ? {
            uid: state.session.uid,
            sid: await harnessSession(state.session.uid),
            user: {},
            expires: new Date(Date.now() + 3_600_000).toISOString(),
          }
        : null,
    // next-auth's own endpoints and cookie writes need a live Next request; the credentials rules are
    // tested through authorizeCredentials (sign-in.rel.test.ts) and in the browser (e2e/security.spec.ts).
    signIn: async () => undefined,
    signOut: async () => undefined,
    handlers: { GET: async () => Response.json({}), POST: async () => Response.json({}) },
  };
}

// A real server-side session row per user (getCurrentUser checks it), opened on first use and again
// after a case ended it ("sign out everywhere" runs in the matrix for every user).
const sessions = new Map<string, string>();
async function harnessSession(uid: string): Promise<string> {
  const { createSession } = await import("@/lib/auth/sessions");
  const { db } = await import("@/lib/db");
  const known = sessions.get(uid);
  if (known && (await db.session.count({ where: { id: known } }))) return known;
  const { id } = await createSession(uid, 24);
  sessions.set(uid, id);
  return id;
}

export function mockNavigation<T extends object>(original: T): T {
  const record = (kind: string) => (to?: string) => {
    state.redirects.push(to ? `${kind}:${to}` : kind);
  };
  return {
    ...original,
    redirect: record("redirect"),
    permanentRedirect: record("redirect"),
    notFound: record("notFound"),
    forbidden: record("forbidden"),
    unauthorized: record("unauthorized"),
  };
}

export function mockCache<T extends object>(original: T): T {
  return { ...original, revalidatePath: () => {}, revalidateTag: () => {} };
}

export function mockErrors(original: typeof Errors): typeof Errors {
  return { ...original, toActionState: (e: unknown) => (state.errors.push(e), original.toActionState(e)) };
}

export type Observed = { outcome: "allow" | "deny" | "error"; detail: string; success: boolean; result?: ActionState };

type ActionFn = (prev: ActionState | null, fd: FormData) => Promise<ActionState | undefined>;
type RouteFn = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function loadAction(target: string): Promise<ActionFn> {
  const [file, name] = target.split("#");
  return ((await import(path.join(ROOT, file))) as Record<string, ActionFn>)[name];
}

export async function loadRoute(target: string): Promise<RouteFn> {
  const [file, method] = target.split("#");
  return ((await import(path.join(ROOT, file))) as Record<string, RouteFn>)[method];
}

/** "deny" = a permission failure; "error" = an exception or an unexpected (non-AppError) error. */
export async function callAction(target: string, fd: FormData): Promise<Observed> {
  const fn = await loadAction(target);
  const errors = await import("@/lib/errors");
  const isPermissionError = (e: unknown) => e instanceof errors.ForbiddenError || e instanceof errors.UnauthenticatedError;
  state.errors = [];
  state.redirects = [];
  let result: ActionState | undefined;
  try {
    result = await fn(null, fd);
  } catch (e) {
    return { outcome: "error", detail: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, success: false };
  }
  // What a user would see as "Something went wrong": an error that is neither typed nor bad input.
  const unexpected = state.errors.find((e) => !(e instanceof errors.AppError) && !errors.isUnstorableText(e));
  if (unexpected || result?.message?.startsWith("Something went wrong"))
    return {
      outcome: "error",
      detail: `unexpected error: ${unexpected instanceof Error ? (unexpected.stack ?? unexpected.message) : String(unexpected ?? result?.message)}`,
      success: false,
      result,
    };
  if (result?.ok === false && state.errors.some(isPermissionError))
    return { outcome: "deny", detail: result.message ?? "", success: false, result };
  const success = result === undefined ? state.redirects.length > 0 : result.ok;
  return { outcome: "allow", detail: result?.message ?? state.redirects.join(", "), success, result };
}

export async function callRoute(
  target: string,
  r: { url: string; init?: RequestInit; params?: Record<string, string> },
): Promise<Observed & { status?: number }> {
  const fn = await loadRoute(target);
  const method = target.split("#")[1];
  let response: Response;
  try {
    response = await fn(new Request(r.url, { method, ...r.init }), { params: Promise.resolve(r.params ?? {}) });
  } catch (e) {
    return { outcome: "error", detail: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, success: false };
  }
  // Read the whole body: streamed responses (re-validation, CSV exports) do their work while read.
  const body = await response.text();
  const detail = `${response.status} ${body.slice(0, 160)}`;
  const status = response.status;
  if (status >= 500) return { outcome: "error", detail, success: false, status };
  if (status === 401 || status === 403) return { outcome: "deny", detail, success: false, status };
  return { outcome: "allow", detail, success: status >= 200 && status < 300, status };
}
