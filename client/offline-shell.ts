import { PAGES_CACHE, USER_CACHES } from "./sw-caches";

/**
 * Puts the signed-in user's main screens into the page cache, so they open with no signal even if the
 * user never visited them online (the worker's first requests go out before it controls the page).
 */
export async function primePages(hrefs: readonly string[]): Promise<void> {
  if (!("caches" in window) || !navigator.serviceWorker?.controller) return;
  const cache = await caches.open(PAGES_CACHE);
  await Promise.all(
    hrefs.map(async (href) => {
      try {
        const res = await fetch(href, { credentials: "same-origin", redirect: "error" });
        if (res.ok) await cache.put(href, res);
      } catch {
        // offline or redirected (session ended): keep what the cache had
      }
    }),
  );
}

/** Drops every cached page of the previous user (called at logout). */
export async function dropUserCaches(): Promise<void> {
  if (!("caches" in window)) return;
  await Promise.all(USER_CACHES.map((name) => caches.delete(name)));
}
