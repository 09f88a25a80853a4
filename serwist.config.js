// @ts-check
import { serwist } from "@serwist/next/config";

export default serwist({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  // why: serwist maps public/*.html to extension-less URLs ("/public/offline"), which 404 and would fail
  // the install; the offline page is precached through `fallbacks` in app/sw.ts under its real URL.
  globIgnores: ["public/offline.html"],
});
