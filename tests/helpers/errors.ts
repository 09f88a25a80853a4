import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { expect } from "vitest";
import type { TErrorCode } from "@/domain/errors";
import { appRouter } from "@/server/root";

/** What the client receives for this error: the router's errorFormatter output (appCode, details, fieldErrors). */
export function errorShape(err: unknown, path = "test") {
  if (!(err instanceof TRPCError)) throw err;
  return getErrorShape({
    config: appRouter._def._config,
    error: err,
    type: "unknown",
    path,
    input: undefined,
    ctx: undefined,
  });
}

/** Awaits a call that must fail and returns the error and its formatted shape. */
export async function catchError(call: Promise<unknown> | (() => Promise<unknown>)) {
  let failed = false;
  let caught: unknown;
  try {
    await (typeof call === "function" ? call() : call);
  } catch (err) {
    failed = true;
    caught = err;
  }
  if (!failed) throw new Error("expected the call to fail, but it succeeded");
  if (!(caught instanceof TRPCError)) throw caught;
  return { error: caught, shape: errorShape(caught) };
}

/** Asserts the call fails with this application error code; returns the formatted shape for further checks. */
export async function expectAppError(call: Promise<unknown> | (() => Promise<unknown>), code: TErrorCode) {
  const { shape } = await catchError(call);
  return expectShapeCode(shape, code);
}

/** The same for an error already caught (a `catch` block, a rejected Promise.allSettled outcome). */
export function expectCaughtAppError(err: unknown, code: TErrorCode) {
  return expectShapeCode(errorShape(err), code);
}

function expectShapeCode(shape: ReturnType<typeof errorShape>, code: TErrorCode) {
  expect(shape.data.appCode, `expected appCode ${code}, got ${shape.data.appCode} (${shape.message})`).toBe(code);
  return shape;
}
