import { clientSyncDomain, type Cached } from "@/client/sync/contract";

/** A check planned for this checker (feed `spotChecks` of server/quality/sync.ts): walked on the phone, offline too. */
export type CachedSpotCheck = Cached<"spotChecks">;

/** Quality on the phone (ADR 0038): the checker's own planned label spot-checks. */
export const qualityStores = clientSyncDomain<{ spotChecks: CachedSpotCheck }>({
  name: "quality",
  stores: {
    spotChecks: { keyPath: "id", since: 8 },
  },
});
