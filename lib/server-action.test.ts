import { describe, expect, it, vi } from "vitest";
import { notFound, redirect } from "next/navigation";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { afterSuccess, serverAction } from "@/lib/server-action";

const user = { id: "u1", email: "ada@example.com" };
const signedIn = async () => user;
const form = (fields: Record<string, string> = {}) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

describe("serverAction", () => {
  it("hands the authenticated user and the form to the body and returns its state", async () => {
    const action = serverAction(signedIn, async (u, fd) => ({ ok: true, message: `${u.email} saved ${fd.get("name")}` }));
    expect(await action(null, form({ name: "orders" }))).toEqual({ ok: true, message: "ada@example.com saved orders" });
  });

  it("refuses without running the body when authentication fails", async () => {
    const body = vi.fn(async () => ({ ok: true }));
    const anonymous = serverAction(async () => {
      throw new UnauthenticatedError();
    }, body);
    const forbidden = serverAction(async () => {
      throw new ForbiddenError("Only data admins can manage domains.");
    }, body);
    expect(await anonymous(null, form())).toEqual({ ok: false, message: "Please sign in.", errors: undefined });
    expect(await forbidden(null, form())).toEqual({ ok: false, message: "Only data admins can manage domains.", errors: undefined });
    expect(body).not.toHaveBeenCalled();
  });

  it("turns a ValidationError into field errors next to their fields", async () => {
    const action = serverAction(signedIn, async () => {
      throw new ValidationError("Please fix the highlighted fields.", { slug: ["Use at least 2 characters."] });
    });
    expect(await action(null, form())).toEqual({
      ok: false,
      message: "Please fix the highlighted fields.",
      errors: { slug: ["Use at least 2 characters."] },
    });
  });

  it("shows an unexpected error as a generic message with a reference, never its text or stack", async () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const action = serverAction(signedIn, async () => {
      throw new Error('relation "secret_table" does not exist');
    });
    const state = await action(null, form());
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/^Something went wrong\. Reference: [0-9a-f-]{36}$/);
    expect(JSON.stringify(state)).not.toMatch(/secret_table|at .*server-action/);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("lets mapError turn a known error into a richer state, and maps the rest as usual", async () => {
    class Conflict extends ValidationError {}
    const mapError = (e: unknown) => (e instanceof Conflict ? { ok: false, message: e.message, data: { conflict: 1 } } : undefined);
    const conflicting = serverAction(
      signedIn,
      async () => {
        throw new Conflict("Someone else saved.");
      },
      { mapError },
    );
    const invalid = serverAction(
      signedIn,
      async () => {
        throw new ValidationError("Bad.");
      },
      { mapError },
    );
    expect(await conflicting(null, form())).toEqual({ ok: false, message: "Someone else saved.", data: { conflict: 1 } });
    expect(await invalid(null, form())).toEqual({ ok: false, message: "Bad.", errors: undefined });
  });

  it("runs afterSuccess outside the error mapping: a redirect reaches Next", async () => {
    const after = vi.fn(() => redirect("/domains/sales"));
    const action = serverAction(signedIn, async () => afterSuccess(after));
    await expect(action(null, form())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/domains\/sales/) });
    expect(after).toHaveBeenCalledOnce();
  });

  it("returns afterSuccess's state, and skips it when the body failed", async () => {
    const after = vi.fn(() => ({ ok: true, message: "Moved." }));
    expect(await serverAction(signedIn, async () => afterSuccess(after))(null, form())).toEqual({ ok: true, message: "Moved." });
    after.mockClear();
    const failing = serverAction(signedIn, async () => {
      throw new ValidationError("No.");
      return afterSuccess(after);
    });
    expect(await failing(null, form())).toMatchObject({ ok: false, message: "No." });
    expect(after).not.toHaveBeenCalled();
  });

  it("passes a redirect or notFound thrown inside the body through to Next instead of into the state", async () => {
    const redirecting = serverAction(signedIn, async () => redirect("/sign-in"));
    const missing = serverAction(signedIn, async () => notFound());
    await expect(redirecting(null, form())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
    await expect(missing(null, form())).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });
  });
});
