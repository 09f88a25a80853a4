import type { TSyncStatus } from "./provider";

/**
 * What a screen drawn from the phone's copy shows before that copy is whole: its content once a pull has reached its
 * last page on this phone (`IdbSyncStore.pulledAll`), "loading" while the first pull may still come, and "not
 * loaded" when it cannot (offline, signed out, blocked, failed): never an empty board that a moment later fills in.
 */
export type TFirstLoad = "ready" | "loading" | "not_loaded";

export function firstLoad(pulledAll: boolean, status: TSyncStatus): TFirstLoad {
  if (pulledAll) return "ready";
  return status === "idle" || status === "syncing" ? "loading" : "not_loaded";
}
