/**
 * Test instruments (Procedure 4): categories, statuses and the one transition table of an instrument's status.
 * `scrapped` is final: no transition leaves it (the database refuses it too, by trigger).
 */
export const INSTRUMENT_CATEGORIES = ["special", "public"] as const;
export type TInstrumentCategory = (typeof INSTRUMENT_CATEGORIES)[number];

export const INSTRUMENT_STATUSES = ["available", "on_loan", "at_repair", "scrapped"] as const;
export type TInstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

/** Calibration is due every two years at the city metrology station. */
export const CALIBRATION_INTERVAL_MONTHS = 24;

/** Why the status changes: the event → from → to table. Anything not listed is refused. */
export const INSTRUMENT_TRANSITIONS = {
  lend: { from: ["available"], to: "on_loan" },
  return: { from: ["on_loan"], to: "available" },
  send_to_repair: { from: ["available"], to: "at_repair" },
  repaired: { from: ["at_repair"], to: "available" },
  scrap: { from: ["available", "at_repair"], to: "scrapped" },
} as const satisfies Record<string, { from: readonly TInstrumentStatus[]; to: TInstrumentStatus }>;
export type TInstrumentEvent = keyof typeof INSTRUMENT_TRANSITIONS;

export function canTransition(event: TInstrumentEvent, from: TInstrumentStatus): boolean {
  return (INSTRUMENT_TRANSITIONS[event].from as readonly TInstrumentStatus[]).includes(from);
}

/** The status after `event`, or null when the event is not allowed from `from`. */
export function transition(event: TInstrumentEvent, from: TInstrumentStatus): TInstrumentStatus | null {
  return canTransition(event, from) ? INSTRUMENT_TRANSITIONS[event].to : null;
}

export function isFinal(status: TInstrumentStatus): boolean {
  return status === "scrapped";
}
