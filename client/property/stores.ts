import { clientSyncDomain, type Cached } from "@/client/sync/contract";

/**
 * An inspection round this person is named on (feed `propertyRounds` of server/property/sync.ts): the case's summary,
 * the inspectors, the items with the previous round's result; done on the phone, offline too (ADR 0039 §5).
 */
export type CachedPropertyRound = Cached<"propertyRounds">;

/** Customer property on the phone: the inspector's own rounds. */
export const propertyStores = clientSyncDomain<{ propertyRounds: CachedPropertyRound }>({
  name: "property",
  stores: {
    propertyRounds: { keyPath: "id", since: 9 },
  },
});
