/**
 * What the keeper hears and sees after each scan of a stock-take: a tag of this zone is a short high beep (found); a
 * difference (belongs elsewhere, wrong label here, a tag nobody knows) is a low tone and a double buzz, and stays on
 * screen; a repeat is ignored (nothing counted, no sound: a tag left in view is read again and again).
 */
import type { TScanOutcome } from "./count";

export type TCountCue = { tone: "ok" | "problem" | "none"; counted: boolean };

export function countCue(outcome: Pick<TScanOutcome, "kind">): TCountCue {
  switch (outcome.kind) {
    case "found":
      return { tone: "ok", counted: true };
    case "repeat":
      return { tone: "none", counted: false };
    default:
      return { tone: "problem", counted: true };
  }
}

/** Found, unexpected, wrong label and unknown, as the counters on the count screen. */
export interface TCountTally {
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  wrongLabel: number;
  unknown: number;
}

/** The tally of a count: expected items are found, wrongly labelled (seen, but not right here) or still missing. */
export function countTally(c: {
  expectedCount: number;
  found: readonly unknown[];
  unexpected: readonly unknown[];
  wrongLabel: readonly unknown[];
  unknown: readonly unknown[];
}): TCountTally {
  return {
    expected: c.expectedCount,
    found: c.found.length,
    missing: c.expectedCount - c.found.length - c.wrongLabel.length,
    unexpected: c.unexpected.length,
    wrongLabel: c.wrongLabel.length,
    unknown: c.unknown.length,
  };
}
