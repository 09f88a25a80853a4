"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { TChangeLabelArgs, TChangeLabelExpected } from "@/domain/items/mutations";
import type { TResolveRejectionArgs } from "@/domain/sync/protocol";
import { useTRPCClient } from "@/client/trpc";
import { backoffMs, SyncEngine, type FlushOutcome, type Lock } from "./engine";
import { deviceLabel } from "./device-label";
import { IdbSyncStore } from "./idb-store";
import { trpcTransport } from "./transport";
import type { Rejected } from "./types";

export type TSyncStatus = "idle" | "syncing" | "offline" | "needs_login" | "blocked" | "error";

interface SyncState {
  ready: boolean;
  deviceId: string | null;
  pendingCount: number;
  lastSyncAt: string | null;
  status: TSyncStatus;
  rejections: Rejected[];
  /** Bumped on every local change: read-cache hooks reload on it. */
  version: number;
}

interface SyncApi extends SyncState {
  store: IdbSyncStore | null;
  changeLabel: (args: TChangeLabelArgs, expected: TChangeLabelExpected) => Promise<void>;
  resolve: (args: TResolveRejectionArgs) => Promise<void>;
  flush: () => void;
}

const SyncContext = createContext<SyncApi | null>(null);

const TIMER_MS = 30_000;

/** Web Locks: one sender per device across tabs; without them (old browsers) a per-tab mutex. */
const webLock: Lock = async (name, fn) => {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? fn() : null));
  }
  return fn();
};

let storePromise: Promise<IdbSyncStore> | null = null;
export function openStore(): Promise<IdbSyncStore> {
  storePromise ??= IdbSyncStore.open();
  return storePromise;
}

export function SyncProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const client = useTRPCClient();
  const [state, setState] = useState<SyncState>({ ready: false, deviceId: null, pendingCount: 0, lastSyncAt: null, status: "idle", rejections: [], version: 0 });
  const engineRef = useRef<SyncEngine | null>(null);
  const storeRef = useRef<IdbSyncStore | null>(null);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(async () => {
    const store = storeRef.current;
    const engine = engineRef.current;
    if (!store || !engine) return;
    const [pendingCount, rejections, lastSyncAt] = await Promise.all([
      store.pendingCount(engine.deviceId),
      store.rejections(engine.deviceId),
      store.getMeta<string>(`lastSync:${engine.deviceId}`),
    ]);
    setState((s) => ({ ...s, ready: true, deviceId: engine.deviceId, pendingCount, rejections, lastSyncAt: lastSyncAt ?? null, version: s.version + 1 }));
  }, []);

  const run = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    if (timer.current) clearTimeout(timer.current);
    setState((s) => ({ ...s, status: "syncing" }));
    let outcome: FlushOutcome;
    try {
      outcome = await engine.flush();
    } catch {
      outcome = { ok: false, reason: "server" };
    }
    let next = TIMER_MS;
    if (!outcome.ok && outcome.reason === "busy") {
      // another tab holds the device's send lock and is sending; look again soon
      setState((s) => ({ ...s, status: "idle" }));
      next = 2_000;
    } else if (outcome.ok) {
      attempt.current = 0;
      setState((s) => ({ ...s, status: "idle" }));
    } else {
      attempt.current += 1;
      const status: TSyncStatus =
        outcome.reason === "auth" ? "needs_login" : outcome.reason === "forbidden" ? "blocked" : outcome.reason === "network" ? "offline" : "error";
      setState((s) => ({ ...s, status }));
      next = outcome.reason === "auth" ? TIMER_MS : backoffMs(attempt.current);
    }
    await refresh();
    timer.current = setTimeout(() => void run(), next);
  }, [refresh]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const store = await openStore();
      const deviceId = await store.deviceIdFor(userId);
      if (cancelled) return;
      storeRef.current = store;
      engineRef.current = new SyncEngine({
        store,
        transport: trpcTransport(client),
        deviceId,
        lock: webLock,
        label: deviceLabel(navigator.userAgent),
        onChange: () => void refresh(),
      });
      void navigator.storage?.persist?.();
      await refresh();
      void run();
    })();
    const kick = () => void run();
    const onVisible = () => document.visibilityState === "visible" && kick();
    window.addEventListener("online", kick);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      if (timer.current) clearTimeout(timer.current);
      window.removeEventListener("online", kick);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [userId, client, refresh, run]);

  const enqueue = useCallback(
    async (name: "item.changeLabel" | "rejection.resolve", args: unknown, expected?: unknown) => {
      const store = storeRef.current;
      const engine = engineRef.current;
      if (!store || !engine) throw new Error("sync store not ready");
      await store.enqueue({ userId, deviceId: engine.deviceId, name, schemaVersion: 1, args, expected });
      await refresh();
      void run();
    },
    [userId, refresh, run],
  );

  const api = useMemo<SyncApi>(
    () => ({
      ...state,
      store: storeRef.current,
      changeLabel: (args, expected) => enqueue("item.changeLabel", args, expected),
      resolve: async (args) => {
        await enqueue("rejection.resolve", args);
        await storeRef.current?.removeRejection(args.mutationId);
        await refresh();
      },
      flush: () => void run(),
    }),
    [state, enqueue, refresh, run],
  );
  return <SyncContext.Provider value={api}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncApi {
  const ctx = useContext(SyncContext);
  if (!ctx) throw new Error("useSync outside SyncProvider");
  return ctx;
}
