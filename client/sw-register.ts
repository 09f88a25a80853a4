"use client";
import { useEffect, useState } from "react";

/**
 * Registers the service worker through workbox-window (production only). A new version waits until
 * the user accepts it: it never takes over an open page unasked.
 */
export function useServiceWorker(): { updateReady: boolean; applyUpdate: () => void } {
  const [updateReady, setUpdateReady] = useState(false);
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const instance = new Workbox("/sw.js", { scope: "/" });
      instance.addEventListener("waiting", () => setUpdateReady(true));
      void instance.register();
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return {
    updateReady,
    // The page reloads once the worker the user accepted has taken over: on `controllerchange`, or when that worker
    // reports itself activated (whichever comes first, once). Listened on the container and the worker themselves:
    // workbox-window reports a worker that appeared after its own registration (a deploy while the page was open) as
    // "external" and sends no `controlling` event for it. The message goes to whatever waits now (a later deploy may
    // have replaced the one the bar was shown for); with nothing waiting any more it has already taken over.
    applyUpdate: () => {
      let reloading = false;
      const reload = () => {
        if (reloading) return;
        reloading = true;
        window.location.reload();
      };
      navigator.serviceWorker.addEventListener("controllerchange", reload, { once: true });
      void navigator.serviceWorker.getRegistration().then((reg) => {
        const waiting = reg?.waiting;
        if (!waiting) {
          reload();
          return;
        }
        waiting.addEventListener("statechange", () => {
          if (waiting.state === "activated") reload();
        });
        waiting.postMessage({ type: "SKIP_WAITING" });
      });
    },
  };
}
