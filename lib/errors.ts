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
  constructor(message = "You do not have permission to do that.") {
    super(message);
  }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
}
export class ConflictError extends AppError {
  override readonly status = 409;
}

/** Prisma's unique-constraint violation code. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code?: string }).code === "P2002";
}

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
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "unexpected error in action");
  return { ok: false, message: `Something went wrong. Reference: ${correlationId}` };
}

/** Same mapping for route handlers: a JSON body and status, never a stack trace or SQL. */
export function toErrorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    return Response.json({ error: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
  }
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "unexpected error in route");
  return Response.json({ error: "Internal error", correlationId }, { status: 500 });
}
