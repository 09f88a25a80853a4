"use client";
import { useEffect, useRef, useState } from "react";
import { useSync } from "@/client/sync/provider";

/** When no sync round answers (offline, signed out, a slow server), the deferred work runs after this long anyway. */
export const AFTER_FIRST_SYNC_FALLBACK_MS = 4_000;

/**
 * Runs `work` once, in idle time after this page's first sync round has answered (or after the fallback delay):
 * for background fetches (tab prefetches, offline page priming) that would otherwise race the screen's own first
 * data for the server and the network (ADR 0023). `key` restarts it (another user, other pages).
 */
export function useAfterFirstSync(key: string, work: () => void): void {
  const { status } = useSync();
  // this page's first round: the status went to "syncing" and left it (whatever the outcome)
  // (state adjusted while rendering: it changes what this render returns, so it is not a ref)
  const [sawSyncing, setSawSyncing] = useState(false);
  if (status === "syncing" && !sawSyncing) setSawSyncing(true);
  const settled = sawSyncing && status !== "syncing";
  const workRef = useRef(work);
  // the timer calls the latest `work` (set after render, before any timer below can fire)
  useEffect(() => {
    workRef.current = work;
  });
  const doneFor = useRef<string | null>(null);
  useEffect(() => {
    if (doneFor.current === key) return;
    const go = () => {
      if (doneFor.current === key) return;
      doneFor.current = key;
      workRef.current();
    };
    if (settled) {
      if (typeof window.requestIdleCallback === "function") {
        const id = window.requestIdleCallback(go, { timeout: 1_000 });
        return () => window.cancelIdleCallback(id);
      }
      const id = window.setTimeout(go, 0);
      return () => window.clearTimeout(id);
    }
    const id = window.setTimeout(go, AFTER_FIRST_SYNC_FALLBACK_MS);
    return () => window.clearTimeout(id);
  }, [key, settled]);
}
