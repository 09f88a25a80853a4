import { clientSyncDomain, type Cached } from "@/client/sync/contract";

/**
 * A row of the instrument register: the whole register on every phone that may borrow, so that one scan answers
 * offline (holder, due day, calibration, permit, open fault).
 */
export type CachedInstrument = Cached<"instruments">;
/** One of the user's own loans, every status. */
export type CachedInstrumentLoan = Cached<"instrumentLoans">;
/** A hand-over the user gives or receives. */
export type CachedInstrumentHandover = Cached<"instrumentHandovers">;

const byInstrument = { byInstrument: { keyPath: "instrumentId" } };

/** Instruments on the phone (feeds of server/instruments/sync.ts). */
export const instrumentStores = clientSyncDomain<{
  instruments: CachedInstrument;
  instrumentLoans: CachedInstrumentLoan;
  instrumentHandovers: CachedInstrumentHandover;
}>({
  name: "instruments",
  stores: {
    instruments: { keyPath: "id", indexes: { byTag: { keyPath: "assetTag", unique: true }, byHolder: { keyPath: "holderId" } }, since: 4 },
    instrumentLoans: { keyPath: "id", indexes: byInstrument, since: 4 },
    instrumentHandovers: { keyPath: "id", indexes: byInstrument, since: 4 },
  },
  // colleagues cached for hand-overs
  personalMeta: ["instruments:"],
});
