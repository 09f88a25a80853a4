import "server-only";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { TErrorCode } from "@/domain/errors";

/** The one application error: a code the client translates, plus details safe to show. */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: TErrorCode, details?: Record<string, unknown>, message?: string) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** Codes → tRPC codes, in one place. */
const TRPC_CODE: Record<TErrorCode, TRPC_ERROR_CODE_KEY> = {
  unauthenticated: "UNAUTHORIZED",
  session_expired: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  csrf_rejected: "FORBIDDEN",
  invalid_credentials: "UNAUTHORIZED",
  user_disabled: "FORBIDDEN",
  rate_limited: "TOO_MANY_REQUESTS",
  bad_input: "BAD_REQUEST",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  username_taken: "CONFLICT",
  cannot_change_self: "BAD_REQUEST",
  device_not_registered: "PRECONDITION_FAILED",
  device_other_user: "FORBIDDEN",
  device_revoked: "FORBIDDEN",
  batch_too_large: "PAYLOAD_TOO_LARGE",
  assignee_invalid: "BAD_REQUEST",
  invalid_transition: "CONFLICT",
  rule_violation: "PRECONDITION_FAILED",
  holds_instruments: "PRECONDITION_FAILED",
  holds_work_orders: "PRECONDITION_FAILED",
  customer_mode: "PRECONDITION_FAILED",
  work_order_not_ready: "PRECONDITION_FAILED",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  method_not_allowed: "METHOD_NOT_SUPPORTED",
  instrument_not_usable: "PRECONDITION_FAILED",
  internal: "INTERNAL_SERVER_ERROR",
};

export function toTRPCError(err: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
}

/** Expected errors are answers, not crashes: they are not logged as failures. */
export function isExpected(err: unknown): boolean {
  return err instanceof AppError && err.code !== "internal";
}
