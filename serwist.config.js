// @ts-check
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { serwist } from "@serwist/next/config";

const OFFLINE_PAGE = "public/offline.html";
const revision = createHash("sha256").update(readFileSync(OFFLINE_PAGE)).digest("hex").slice(0, 16);

export default serwist({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  // why: serwist maps public/*.html to extension-less URLs ("/public/offline"), which 404 and would fail
  // the install; the offline fallback page is precached under its real URL instead.
  globIgnores: [OFFLINE_PAGE],
  additionalPrecacheEntries: [{ url: "/offline.html", revision }],
});
