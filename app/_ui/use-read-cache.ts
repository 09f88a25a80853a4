"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useSync } from "@/client/sync/provider";
import type { IdbSyncStore } from "@/client/sync/idb-store";
import { clearReadFailure, reportReadFailure } from "@/client/sync/read-failures";

/**
 * Reads from the phone's cache and re-reads whenever anything local changed (a sync, a queued change).
 * `data` is undefined until the first read of this key finished. A read that fails is logged, reported as `error` and
 * to the shell's banner (client/sync/read-failures.ts) until a read succeeds or the screen goes; the screen keeps what
 * it showed, and the next local change reads again.
 */
export function useReadCache<T>(
  key: string | null,
  load: (store: IdbSyncStore, deviceId: string) => Promise<T>,
): { data: T | undefined; loading: boolean; error: boolean } {
  const { store, deviceId, version } = useSync();
  const [result, setResult] = useState<{ key: string; data: T } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const reader = useId();
  const loadRef = useRef(load);
  // declared first, so the read below (same commit) calls this render's `load`
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    if (!store || !deviceId || key === null) return;
    let alive = true;
    loadRef.current(store, deviceId).then(
      (data) => {
        if (!alive) return;
        setResult({ key, data });
        setFailed(null);
        clearReadFailure(reader);
      },
      (err: unknown) => {
        console.error(`read of ${key} from the phone's cache failed`, err);
        if (!alive) return;
        setFailed(key);
        reportReadFailure(reader);
      },
    );
    return () => {
      alive = false;
    };
  }, [store, deviceId, version, key, reader]);
  // a screen that goes (or reads nothing now) takes its failure off the banner
  useEffect(() => {
    if (key === null) clearReadFailure(reader);
  }, [key, reader]);
  useEffect(() => () => clearReadFailure(reader), [reader]);
  const fresh = result !== null && result.key === key;
  return { data: fresh ? result.data : undefined, loading: key !== null && !fresh, error: key !== null && failed === key };
}
