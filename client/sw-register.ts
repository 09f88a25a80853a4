"use client";
import { useEffect, useState } from "react";

type Workbox = import("workbox-window").Workbox;

/**
 * Registers the service worker through workbox-window (production only). A new version waits until
 * the user accepts it: it never takes over an open page unasked.
 */
export function useServiceWorker(): { updateReady: boolean; applyUpdate: () => void } {
  const [wb, setWb] = useState<Workbox | null>(null);
  const [updateReady, setUpdateReady] = useState(false);
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const instance = new Workbox("/sw.js", { scope: "/" });
      instance.addEventListener("waiting", () => setUpdateReady(true));
      void instance.register();
      setWb(instance);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return {
    updateReady,
    // The page reloads once the worker the user accepted controls it. Listened on the container itself: workbox-window
    // reports a worker that appeared after its own registration (a deploy while the page was open) as "external"
    // and sends no `controlling` event for it.
    applyUpdate: () => {
      navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
      wb?.messageSkipWaiting();
    },
  };
}
