"use client";
import { useEffect, useState } from "react";

export type TConnection = "online" | "offline";

const PROBE_EVERY_MS = 15_000;
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
 * Online means the server answers, not merely that the phone has a network: a lineman in a basement
 * often has "signal" but no route. Probes on start, on online/offline/visibility events and every 15 s.
 */
export function useConnection(): TConnection {
  const [state, setState] = useState<TConnection>("online");
  useEffect(() => {
    let alive = true;
    const check = async () => {
      const ok = navigator.onLine && (await probe());
      if (alive) setState(ok ? "online" : "offline");
    };
    const goOffline = () => setState("offline");
    const onVisible = () => document.visibilityState === "visible" && void check();
    void check();
    const timer = setInterval(() => document.visibilityState === "visible" && void check(), PROBE_EVERY_MS);
    window.addEventListener("online", check);
    window.addEventListener("offline", goOffline);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener("online", check);
      window.removeEventListener("offline", goOffline);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return state;
}
