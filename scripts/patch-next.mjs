/**
 * Fixes a Next.js 16 router bug that broke the lineman's second work order (issue 10, defect 1):
 *
 * The router's route cache keeps one entry per pathname + search, shared by every hash, and a navigation to a
 * known route builds its address as `entry.canonicalUrl + url.hash`. Navigations store a hashless canonical URL,
 * but the first page load stores `location.href` WITH its hash. So after a full load of `/work-orders#A` (taking
 * the phone back from customer mode, a reload, opening the app), any later client navigation to `/work-orders#B`
 * lands on `/work-orders#A#B`, and one to `/work-orders` (or `/instruments` from the bottom bar) on `#A`.
 * Upstream: vercel/next.js issues #95671, #96714, #98644; fixes proposed in PRs #96721 and #96737 (not released in
 * 16.4.6). The fix here is theirs: seed the route cache with `createHrefFromUrl(location, false)`.
 *
 * Runs before every build and dev start (package.json prebuild/predev) and after install; idempotent. It fails
 * loudly when Next's file no longer has the line it patches (a new Next: check whether the bug is fixed upstream,
 * then drop this script, or adapt it).
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const nextDir = path.dirname(require.resolve("next/package.json"));
const ARGS = "initialRoot, initialCouldBeIntercepted, ";
const TAIL = ", initialSeed.renderedSearch, initialSupportsPerSegmentPrefetching";

const targets = [
  { file: "dist/client/components/router-reducer/create-initial-router-state.js", hashless: "(0, _createhreffromurl.createHrefFromUrl)(location, false)" },
  { file: "dist/esm/client/components/router-reducer/create-initial-router-state.js", hashless: "createHrefFromUrl(location, false)" },
];

for (const { file, hashless } of targets) {
  const full = path.join(nextDir, file);
  const text = readFileSync(full, "utf8");
  const before = `${ARGS}canonicalUrl${TAIL}`;
  const after = `${ARGS}${hashless}${TAIL}`;
  if (text.includes(after)) continue;
  const count = text.split(before).length - 1;
  if (count !== 1) {
    console.error(`patch-next: expected the route-cache seed line once in next/${file}, found it ${count} times. Is the hash bug fixed in this Next version? See scripts/patch-next.mjs.`);
    process.exit(1);
  }
  // a new file renamed over the old one: node_modules trees made with hard links (several checkouts sharing one
  // install) keep their own, unpatched copy; only this tree's entry changes
  const tmp = `${full}.patch-next.tmp`;
  writeFileSync(tmp, text.replace(before, after));
  renameSync(tmp, full);
  console.log(`patch-next: route cache seeded without the hash in next/${file}`);
}
