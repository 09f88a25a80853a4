/**
 * Issue and return of stock (领用/退库) and the quarantine ageing: quantities on hand never go negative, and a
 * return never brings back more than was issued to that holder.
 */
import { addDays, daysBetween } from "@/domain/time/calendar";
import { operatorDay, type TInstant } from "@/domain/time/operator";
import type { TItemStatus } from "@/domain/items/labels";
import { QUARANTINE_AGEING_DAYS } from "./model";

export const MOVE_KINDS = ["issue", "return"] as const;
export type TMoveKind = (typeof MOVE_KINDS)[number];

export type TMoveCheck = { ok: true; onHandAfter: number; statusAfter: TItemStatus } | { ok: false; code: "invalid_transition" | "insufficient_quantity" };

/**
 * An issue takes from accepted stock (合格) only; a return gives back at most what the holder has outstanding. A
 * serialised item (one unit) is 在用 (in use) while issued and 合格 again when back; a lot keeps its label and its
 * quantity on hand changes.
 */
export function checkMove(opts: {
  kind: TMoveKind;
  status: TItemStatus;
  onHand: number;
  serialised: boolean;
  quantity: number;
  /** What this holder has been issued and not yet returned. */
  outstanding: number;
}): TMoveCheck {
  if (!Number.isInteger(opts.quantity) || opts.quantity < 1) return { ok: false, code: "insufficient_quantity" };
  if (opts.kind === "issue") {
    if (opts.status !== "accepted") return { ok: false, code: "invalid_transition" };
    if (opts.quantity > opts.onHand) return { ok: false, code: "insufficient_quantity" };
    const after = opts.onHand - opts.quantity;
    return { ok: true, onHandAfter: after, statusAfter: opts.serialised ? "in_use" : "accepted" };
  }
  if (opts.quantity > opts.outstanding) return { ok: false, code: "insufficient_quantity" };
  if (opts.serialised ? opts.status !== "in_use" : opts.status !== "accepted") return { ok: false, code: "invalid_transition" };
  return { ok: true, onHandAfter: opts.onHand + opts.quantity, statusAfter: "accepted" };
}

/** Whole operator days an item has been in quarantine (Asia/Shanghai), 0 on the day it came in. */
export function quarantineAgeDays(since: TInstant, now: TInstant): number {
  return Math.max(0, daysBetween(operatorDay(since), operatorDay(now)));
}

export function isAgeing(since: TInstant, now: TInstant): boolean {
  return quarantineAgeDays(since, now) > QUARANTINE_AGEING_DAYS;
}

/** The operator day from which an item quarantined `since` counts as ageing. */
export function ageingFrom(since: TInstant): string {
  return addDays(operatorDay(since), QUARANTINE_AGEING_DAYS + 1);
}
