import { clientSyncDomain, type Cached, type Legacy } from "@/client/sync/contract";

/**
 * A row of the instrument register: the whole register on every phone that may borrow, so that one scan answers
 * offline (holder, due day, calibration, permit, open fault; since issue 16 the manual and accessories and a pending
 * return). Rows cached before issue 16 lack the new fields until the phone pulls again (it does at once: the
 * `instrumentSettings` store's version starts every pull cursor again).
 */
export type CachedInstrument = Legacy<Cached<"instruments">, "manual" | "accessories" | "missingAccessories" | "returnRequested">;
/** One of the user's own loans, every status (the custodian's phone: every loan). */
export type CachedInstrumentLoan = Legacy<
  Cached<"instrumentLoans">,
  | "borrowerName"
  | "borrowerUsername"
  | "issuedAt"
  | "issueMissing"
  | "termMonths"
  | "returnRequestedAt"
  | "reportedCondition"
  | "reportedNote"
  | "returnMissing"
  | "lostAccessories"
>;
/** A hand-over the user gives or receives (the custodian's phone: every one). */
export type CachedInstrumentHandover = Legacy<Cached<"instrumentHandovers">, "confirmedAt" | "confirmNote">;
/** The custodian's department's settings (the long-term loan's term). */
export type CachedInstrumentSettings = Cached<"instrumentSettings">;

const byInstrument = { byInstrument: { keyPath: "instrumentId" } };

/** Instruments on the phone (feeds of server/instruments/sync.ts). */
export const instrumentStores = clientSyncDomain<{
  instruments: CachedInstrument;
  instrumentLoans: CachedInstrumentLoan;
  instrumentHandovers: CachedInstrumentHandover;
  instrumentSettings: CachedInstrumentSettings;
}>({
  name: "instruments",
  stores: {
    instruments: { keyPath: "id", indexes: { byTag: { keyPath: "assetTag", unique: true }, byHolder: { keyPath: "holderId" } }, since: 4 },
    instrumentLoans: { keyPath: "id", indexes: byInstrument, since: 4 },
    instrumentHandovers: { keyPath: "id", indexes: byInstrument, since: 4 },
    // issue 16 (ADR 0040): a new store, so every phone pulls again from the start (the custodian's phone then
    // receives every loan and hand-over, rows cached before get the new fields)
    instrumentSettings: { keyPath: "department", since: 9 },
  },
  // colleagues cached for hand-overs and the custodian's issue
  personalMeta: ["instruments:"],
});
