"use client";
import { primePages } from "@/client/offline-shell";
import { useAfterFirstSync } from "./use-after-first-sync";

/**
 * Once per signed-in user, language and page load, caches their main screens for use with no signal. Started after
 * the page's first sync round (useAfterFirstSync): nine page renders at load delayed the screen's own data (ADR 0023).
 * A language switch drops the cached screens and refreshes (ADR 0047): the new locale primes them again.
 */
export function PrimePages({ userId, locale, hrefs }: { userId: string; locale: string; hrefs: string[] }) {
  const key = hrefs.join("|");
  useAfterFirstSync(`${userId}|${locale}|${key}`, () => {
    const run = () => void primePages(key.split("|"));
    if (navigator.serviceWorker?.controller) run();
    else navigator.serviceWorker?.addEventListener("controllerchange", run, { once: true });
  });
  return null;
}
