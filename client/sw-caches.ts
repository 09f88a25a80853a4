/** Runtime cache names shared by the service worker (app/sw.ts) and the page. */
export const PAGES_CACHE = "tm-pages";
export const RSC_CACHE = "tm-pages-rsc";
/** Caches that hold a signed-in user's pages: dropped at logout. */
export const USER_CACHES = [PAGES_CACHE, RSC_CACHE] as const;
