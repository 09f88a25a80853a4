import "server-only";
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
