"use client";
import { primePages } from "@/client/offline-shell";
import { useAfterFirstSync } from "./use-after-first-sync";

/**
 * Once per signed-in user and page load, caches their main screens for use with no signal. Started after the page's
 * first sync round (useAfterFirstSync): nine page renders at load delayed the screen's own data (ADR 0023).
 */
export function PrimePages({ userId, hrefs }: { userId: string; hrefs: string[] }) {
  const key = hrefs.join("|");
  useAfterFirstSync(`${userId}|${key}`, () => {
    const run = () => void primePages(key.split("|"));
    if (navigator.serviceWorker?.controller) run();
    else navigator.serviceWorker?.addEventListener("controllerchange", run, { once: true });
  });
  return null;
}
