/**
 * What counts as stale (issue 11, docs/sync-protocol.md "Stale decisions", ADR 0026): a change made on a phone is
 * decided against the state the user saw, and that state is the object's *version*, not just its label. Every write
 * a user can see on the item or work-order screen (label or status, zone, assignee, the history) bumps the version,
 * so A→B→A in between is seen as two changes, not as "still A".
 *
 * The phone sends the version it predicted (last synced version plus its own queued changes, domain/items/predict.ts):
 * its own earlier queued changes are part of what the user saw. A phone that sent the last *synced* version (an old
 * outbox, a screen that had not yet re-read after its own change) is still right when every version since then was
 * made by this same device: one's own earlier changes never make one's later change stale.
 */
export type TExpectedVerdict =
  /** Decide the change on the current state (the transition rules still apply). */
  | "proceed"
  /** Nothing to do: the object already shows what the change asks for. */
  | "already"
  /** Someone else changed the object since the user looked: refuse, say who and when. */
  | "stale";

export function judgeExpected<S extends string>(o: {
  current: { status: S; version: number };
  expected: { from: S; version: number };
  /** How many of the versions after `expected.version` (up to the current one) this device made itself. */
  ownVersionsSince: number;
  /** The object already is what the change asks for (its target label and, if named, its zone). */
  outcomeHolds: boolean;
}): TExpectedVerdict {
  const { current, expected } = o;
  if (current.version === expected.version) {
    // the very state the user saw (a label that disagrees with its version was not seen by anyone: stale)
    if (current.status === expected.from) return "proceed";
    return o.outcomeHolds ? "already" : "stale";
  }
  const since = current.version - expected.version;
  if (since > 0 && o.ownVersionsSince === since) return o.outcomeHolds ? "already" : "proceed";
  // Someone else changed it in between, or the phone predicted own changes that never happened (refused earlier in
  // its queue): what the user saw is not what is there.
  return o.outcomeHolds ? "already" : "stale";
}

/**
 * How many of the changes made after the version a phone saw were its own (`rows` newest first): counted only when
 * the first of them started from the state the phone says it saw, since a phone cannot claim a state the record
 * never had. Shared by every record with a version (items, work orders).
 */
export function ownChangesSince(rows: readonly { deviceId: string | null; from: string | null }[], seenFrom: string, deviceId: string): number {
  const first = rows.at(-1);
  return first !== undefined && first.from === seenFrom ? rows.filter((r) => r.deviceId === deviceId).length : 0;
}
