"use client";
import { useEffect, useRef, useState } from "react";
import { useSync } from "@/client/sync/provider";
import type { IdbSyncStore } from "@/client/sync/idb-store";

/**
 * Reads from the phone's cache and re-reads whenever anything local changed (a sync, a queued change).
 * `data` is undefined until the first read of this key finished.
 */
export function useReadCache<T>(key: string | null, load: (store: IdbSyncStore, deviceId: string) => Promise<T>): { data: T | undefined; loading: boolean } {
  const { store, deviceId, version } = useSync();
  const [result, setResult] = useState<{ key: string; data: T } | null>(null);
  const loadRef = useRef(load);
  // declared first, so the read below (same commit) calls this render's `load`
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    if (!store || !deviceId || key === null) return;
    let alive = true;
    void loadRef.current(store, deviceId).then((data) => {
      if (alive) setResult({ key, data });
    });
    return () => {
      alive = false;
    };
  }, [store, deviceId, version, key]);
  const fresh = result !== null && result.key === key;
  return { data: fresh ? result.data : undefined, loading: key !== null && !fresh };
}
