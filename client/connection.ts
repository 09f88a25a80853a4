"use client";
import { useSyncExternalStore } from "react";

export type TConnection = "online" | "offline";

const PROBE_ONLINE_MS = 15_000;
/** While offline the chip must turn back soon after the server answers again (basement → street). */
const PROBE_OFFLINE_MS = 3_000;
const PROBE_TIMEOUT_MS = 4_000;

async function probe(): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    const res = await fetch("/api/health", { cache: "no-store", signal: controller.signal });
    // read the (tiny) body so the request completes and its connection is released
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One connection state per page, fed by the probe and by every sync round (a push that got an answer proves
 * the server answers; one that met a broken network proves it does not), so the chip, the sync indicator and
 * the forms' "will send when online" notes never disagree.
 */
let state: TConnection = "online";
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let started = false;

function set(next: TConnection): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
  schedule();
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  if (listeners.size === 0) return;
  timer = setTimeout(() => void check(), state === "online" ? PROBE_ONLINE_MS : PROBE_OFFLINE_MS);
}

async function check(): Promise<void> {
  if (document.visibilityState !== "visible") {
    schedule();
    return;
  }
  const ok = navigator.onLine && (await probe());
  set(ok ? "online" : "offline");
  schedule();
}

/** What a sync round learned about the server: answered (true) or unreachable (false). */
export function reportReachable(ok: boolean): void {
  set(ok ? "online" : "offline");
}

function start(): void {
  if (started) return;
  started = true;
  window.addEventListener("online", () => void check());
  window.addEventListener("offline", () => set("offline"));
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && void check());
}

function subscribe(listener: () => void): () => void {
  start();
  listeners.add(listener);
  if (listeners.size === 1) void check();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) clearTimeout(timer);
  };
}

/**
 * Online means the server answers, not merely that the phone has a network: a lineman in a basement
 * often has "signal" but no route. Probes on start, on online/offline/visibility events, every 15 s while
 * online and every 3 s while offline; sync rounds report what they saw.
 */
export function useConnection(): TConnection {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => "online",
  );
}
