"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { TChangeLabelArgs, TChangeLabelExpected } from "@/domain/items/mutations";
import type { TResolveRejectionArgs } from "@/domain/sync/protocol";
import { useTRPCClient } from "@/client/trpc";
import { SyncEngine, type FlushOutcome, type Lock } from "./engine";
import { deviceLabel } from "./device-label";
import { IdbSyncStore } from "./idb-store";
import { reportReachable } from "@/client/connection";
import { SendSchedule, type TSendTrigger } from "./schedule";
import { trpcTransport } from "./transport";
import type { Rejected } from "./types";

export type TSyncStatus = "idle" | "syncing" | "offline" | "needs_login" | "blocked" | "error";

interface SyncState {
  ready: boolean;
  /** The phone's storage, once opened (screens read the cache through it). */
  store: IdbSyncStore | null;
  deviceId: string | null;
  /** null until the outbox has been read once: never a reassuring 0 while changes may still be queued. */
  pendingCount: number | null;
  lastSyncAt: string | null;
  status: TSyncStatus;
  rejections: Rejected[];
  /** Bumped on every local change: read-cache hooks reload on it. */
  version: number;
  /** The answer to the last tap on the sync indicator, shown briefly beside it. */
  tapResult: TTapResult | null;
}

/** What a person who tapped "sync now" is told: sent, nothing to send, no network, or why not. */
export type TTapResult = { kind: "sending" | "sent" | "offline" | "needs_login" | "blocked" | "error"; pending: number; at: number };

interface SyncApi extends SyncState {
  changeLabel: (args: TChangeLabelArgs, expected: TChangeLabelExpected) => Promise<void>;
  resolve: (args: TResolveRejectionArgs) => Promise<void>;
  /** Send now. An automatic trigger waits out a back-off; "tap" (a person) and "reachable" do not. */
  flush: (trigger?: TSendTrigger) => void;
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
  const [state, setState] = useState<SyncState>({
    ready: false,
    store: null,
    deviceId: null,
    pendingCount: null,
    lastSyncAt: null,
    status: "idle",
    rejections: [],
    version: 0,
    tapResult: null,
  });
  const engineRef = useRef<SyncEngine | null>(null);
  const storeRef = useRef<IdbSyncStore | null>(null);
  const schedule = useRef(new SendSchedule());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dueAt = useRef(0);
  const disposed = useRef(false);
  const inFlight = useRef(false);
  const again = useRef<"auto" | "tap" | null>(null);
  const runRef = useRef<(trigger: TSendTrigger) => Promise<void>>(() => Promise.resolve());
  /** The one timer of this tab's sync loop: re-arming always replaces it, so no stray timer resends early. */
  const arm = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    // an unmounted provider (another route group's shell took over) never re-arms: its round may still be ending
    if (disposed.current) return;
    dueAt.current = Date.now() + ms;
    timer.current = setTimeout(() => void runRef.current("timer"), ms);
  }, []);

  const refresh = useCallback(async () => {
    const store = storeRef.current;
    const engine = engineRef.current;
    if (!store || !engine) return;
    const [pendingCount, rejections, lastSyncAt] = await Promise.all([
      store.pendingCount(engine.deviceId),
      store.rejections(engine.deviceId),
      store.getMeta<string>(`lastSync:${engine.deviceId}`),
    ]);
    setState((s) => ({
      ...s,
      ready: true,
      store,
      deviceId: engine.deviceId,
      pendingCount,
      rejections,
      lastSyncAt: lastSyncAt ?? null,
      version: s.version + 1,
    }));
  }, []);

  const run = useCallback(
    async (trigger: TSendTrigger) => {
      const engine = engineRef.current;
      const store = storeRef.current;
      if (!engine || !store || disposed.current) return;
      const tapped = trigger === "tap";
      if (tapped) setState((s) => ({ ...s, tapResult: { kind: "sending", pending: s.pendingCount ?? 0, at: Date.now() } }));
      if (inFlight.current) {
        // one round at a time in this tab: look again as soon as it ends (a change queued meanwhile is not missed;
        // a person's tap meanwhile is honoured even if this round fails)
        again.current = again.current === "tap" || tapped ? "tap" : "auto";
        return;
      }
      if (trigger === "reachable") schedule.current.reachable();
      const wait = schedule.current.waitFor(trigger, Date.now());
      if (wait > 0) {
        // in back-off after a failure: the timer already set tries again; a new change just waits its turn. The
        // server answering again brings the timer forward (never before the first retry's jittered wait).
        if (trigger === "reachable" && wait < dueAt.current - Date.now()) arm(wait);
        // the change is on the phone all the same: its screens and the unsynced count show it now
        if (trigger === "queued") void refresh();
        return;
      }
      if (timer.current) clearTimeout(timer.current);
      setState((s) => ({ ...s, status: "syncing" }));
      let outcome: FlushOutcome;
      inFlight.current = true;
      again.current = null;
      try {
        outcome = await engine.flush();
      } catch {
        outcome = { ok: false, reason: "server" };
      } finally {
        inFlight.current = false;
      }
      let next = TIMER_MS;
      let status: TSyncStatus = "idle";
      if (!outcome.ok && outcome.reason === "busy") {
        // another tab holds the device's send lock and is sending; look again soon
        next = 2_000;
      } else if (outcome.ok) {
        schedule.current.succeeded();
        reportReachable(true);
      } else if (outcome.reason === "auth") {
        status = "needs_login";
        schedule.current.hold(Date.now(), TIMER_MS);
        reportReachable(true);
      } else if (outcome.reason === "forbidden") {
        status = "blocked";
        next = schedule.current.failed(Date.now());
        reportReachable(true);
      } else {
        status = outcome.reason === "network" ? "offline" : "error";
        next = schedule.current.failed(Date.now());
        if (outcome.reason === "network") reportReachable(false);
      }
      const pending = await store.pendingCount(engine.deviceId);
      setState((s) => ({
        ...s,
        status,
        tapResult: tapped || s.tapResult?.kind === "sending" ? { kind: tapKind(outcome, status), pending, at: Date.now() } : s.tapResult,
      }));
      await refresh();
      // something asked to send while this round ran: once more now if allowed, else at the back-off's end
      arm((again.current && outcome.ok) || again.current === "tap" ? 0 : next);
    },
    [refresh, arm],
  );
  // the timer's callback calls the latest round (set after render, before any timer can fire)
  useEffect(() => {
    runRef.current = run;
  }, [run]);

  useEffect(() => {
    let cancelled = false;
    disposed.current = false;
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
      void run("start");
    })();
    const kick = () => void run("online");
    const onVisible = () => document.visibilityState === "visible" && void run("visible");
    window.addEventListener("online", kick);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      disposed.current = true;
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
      // item.changeLabel v2: a permanent label carries its photo and goes to its designated area (v1: older outboxes)
      await store.enqueue({ userId, deviceId: engine.deviceId, name, schemaVersion: name === "item.changeLabel" ? 2 : 1, args, expected });
      await refresh();
      void run("queued");
    },
    [userId, refresh, run],
  );

  const resolve = useCallback(
    async (args: TResolveRejectionArgs) => {
      await enqueue("rejection.resolve", args);
      await storeRef.current?.removeRejection(args.mutationId);
      await refresh();
    },
    [enqueue, refresh],
  );

  const api = useMemo<SyncApi>(
    () => ({
      ...state,
      changeLabel: (args, expected) => enqueue("item.changeLabel", args, expected),
      resolve,
      flush: (trigger: TSendTrigger = "queued") => void run(trigger),
    }),
    [state, enqueue, resolve, run],
  );
  return <SyncContext.Provider value={api}>{children}</SyncContext.Provider>;
}

function tapKind(outcome: FlushOutcome, status: TSyncStatus): TTapResult["kind"] {
  if (outcome.ok) return "sent";
  if (outcome.reason === "busy") return "sending";
  if (status === "offline") return "offline";
  if (status === "needs_login" || status === "blocked") return status;
  return "error";
}

export function useSync(): SyncApi {
  const ctx = useContext(SyncContext);
  if (!ctx) throw new Error("useSync outside SyncProvider");
  return ctx;
}
