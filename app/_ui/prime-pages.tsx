"use client";
import { useEffect } from "react";
import { primePages } from "@/client/offline-shell";

/** Once per signed-in user and page load, caches their main screens for use with no signal. */
export function PrimePages({ userId, hrefs }: { userId: string; hrefs: string[] }) {
  const key = hrefs.join("|");
  useEffect(() => {
    const run = () => void primePages(key.split("|"));
    if (navigator.serviceWorker?.controller) run();
    else navigator.serviceWorker?.addEventListener("controllerchange", run, { once: true });
  }, [userId, key]);
  return null;
}
