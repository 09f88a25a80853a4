import "server-only";
import type { z } from "zod";
import type { TRejectionCode } from "@/domain/sync/protocol";

/** A permanent refusal of one mutation: rolled back, then stored as `rejected` so the queue moves on. */
export class Rejection extends Error {
  readonly code: TRejectionCode;
  readonly details: Record<string, unknown> | null;
  constructor(code: TRejectionCode, details: Record<string, unknown> | null = null) {
    super(code);
    this.name = "Rejection";
    this.code = code;
    this.details = details;
  }
}

/**
 * A mutation whose args (or expected) fail their domain schema: bad_input naming the first field and its message
 * (a catalogue key, e.g. validation.text.bidi), which Needs attention shows, with every issue listed.
 */
export function badInput(issues: readonly z.core.$ZodIssue[], prefix = ""): Rejection {
  const first = issues[0];
  return new Rejection("bad_input", {
    field: first ? prefix + first.path.join(".") : null,
    message: first?.message ?? null,
    issues: issues.map((i) => `${prefix}${i.path.join(".")}: ${i.message}`),
  });
}
