// Typed, expected errors. Services throw them; actions and routes turn them into user-facing states.
import { randomUUID } from "node:crypto";
import { logger } from "@/lib/logger";

export class AppError extends Error {
  readonly status: number = 500;
  readonly fieldErrors?: Record<string, string[]>;
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = new.target.name;
    this.fieldErrors = fieldErrors;
  }
}
export class ValidationError extends AppError {
  override readonly status = 400;
}
export class UnauthenticatedError extends AppError {
  override readonly status = 401;
  constructor(message = "Please sign in.") {
    super(message);
  }
}
export class ForbiddenError extends AppError {
  override readonly status = 403;
  /** `fieldErrors` when the refused part is one field of a form (e.g. changing a product's owner). */
  constructor(message = "You do not have permission to do that.", fieldErrors?: Record<string, string[]>) {
    super(message, fieldErrors);
  }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
}
export class ConflictError extends AppError {
  override readonly status = 409;
}
/** A request body over a documented size limit (413); nothing was stored. */
export class PayloadTooLargeError extends AppError {
  override readonly status = 413;
}

/** Prisma's unique-constraint violation code. */
export function isUniqueViolation(e: unknown): boolean {
  // P2002 from Prisma's query builder; SQLSTATE 23505 from raw SQL (node-postgres, or Prisma's driver adapter).
  return (typeof e === "object" && e !== null && "code" in e && (e as { code?: string }).code === "P2002") || hasSqlState(e, ["23505"]);
}

/** Whether a database error carries one of these SQLSTATEs (node-postgres, or Prisma's driver adapter). */
function hasSqlState(e: unknown, codes: readonly string[]): boolean {
  if (typeof e !== "object" || e === null) return false;
  const pgCode = (e as { code?: unknown }).code; // node-postgres DatabaseError
  const cause = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } }).meta?.driverAdapterError
    ?.cause; // Prisma
  return codes.includes(String(pgCode)) || codes.includes(String(cause?.originalCode ?? cause?.code));
}

/**
 * PostgreSQL refused text it cannot store: a NUL character (U+0000; SQLSTATE 22021 in text, 22P05 in
 * jsonb) or one the database encoding cannot represent. That is bad input, not a server fault, whichever
 * form field or query parameter carried it, so it is answered as a ValidationError (400), not a 500.
 */
export function isUnstorableText(e: unknown): boolean {
  return hasSqlState(e, ["22021", "22P05"]);
}

/** PostgreSQL refused a privilege (SQLSTATE 42501 insufficient_privilege). */
export function isPrivilegeRefused(e: unknown): boolean {
  return hasSqlState(e, ["42501"]);
}

export const UNSTORABLE_TEXT_MESSAGE =
  "Some text contains a character that cannot be stored (such as the NUL character \\u0000). Remove it and try again.";

export type ActionState = {
  ok: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  /** Anything the form wants back on success (e.g. the new product's URL). */
  data?: Record<string, unknown>;
};

/** Maps any thrown value to a safe action state: expected errors verbatim, the rest generic + logged. */
export function toActionState(e: unknown): ActionState {
  if (e instanceof AppError) return { ok: false, message: e.message, errors: e.fieldErrors };
  if (isUnstorableText(e)) {
    logger.warn({ err: e }, "refused input the database cannot store");
    return { ok: false, message: UNSTORABLE_TEXT_MESSAGE };
  }
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "unexpected error in action");
  return { ok: false, message: `Something went wrong. Reference: ${correlationId}` };
}

/** Same mapping for route handlers: a JSON body and status, never a stack trace or SQL. */
export function toErrorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    return Response.json({ error: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
  }
  if (isUnstorableText(e)) {
    logger.warn({ err: e }, "refused input the database cannot store");
    return Response.json({ error: UNSTORABLE_TEXT_MESSAGE }, { status: 400 });
  }
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "unexpected error in route");
  return Response.json({ error: "Internal error", correlationId }, { status: 500 });
}
