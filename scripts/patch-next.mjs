/**
 * Three patches to Next.js 16.4.6, applied to this checkout's node_modules.
 *
 * Patch 1 fixes a Next.js 16 router bug that broke the lineman's second work order (issue 10, defect 1):
 *
 * The router's route cache keeps one entry per pathname + search, shared by every hash, and a navigation to a
 * known route builds its address as `entry.canonicalUrl + url.hash`. Navigations store a hashless canonical URL,
 * but the first page load stores `location.href` WITH its hash. So after a full load of `/work-orders#A` (taking
 * the phone back from customer mode, a reload, opening the app), any later client navigation to `/work-orders#B`
 * lands on `/work-orders#A#B`, and one to `/work-orders` (or `/instruments` from the bottom bar) on `#A`.
 * Upstream: vercel/next.js issues #95671, #96714, #98644; fixes proposed in PRs #96721 and #96737 (not released in
 * 16.4.6). The fix here is theirs: seed the route cache with `createHrefFromUrl(location, false)`.
 *
 * Runs before every build, dev and production start (package.json prebuild/predev/prestart) and after install;
 * idempotent. It fails loudly when Next's file no longer has the line it patches (a new Next: check whether the
 * bug is fixed upstream, then drop patch 1, or adapt it; patch 2 is needed as long as Next gives route handlers no
 * peer address).
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createDeferScriptsTransform } from "./defer-scripts.mjs";

const require = createRequire(import.meta.url);
const nextDir = path.dirname(require.resolve("next/package.json"));
const ARGS = "initialRoot, initialCouldBeIntercepted, ";
const TAIL = ", initialSeed.renderedSearch, initialSupportsPerSegmentPrefetching";

/**
 * Patch 2 (issue 11, ADR 0024): the connection's address, which a route handler cannot otherwise see. Next copies
 * the socket's address into X-Forwarded-For only when the client sent none, so any client can choose what the app
 * reads there. Right after that line, every request gets `x-tracemark-peer` (the socket's remoteAddress) and
 * `x-tracemark-peer-proto` (https when the socket itself is TLS), overwriting whatever the client sent under those
 * names, or deleting them when there is no socket (Next's internal requests). server/http/proxy.ts reads them.
 * `next start` and `next dev` both serve every page and route handler through this method (BaseServer
 * handleRequestImpl; the dev server's handleRequest calls it through super).
 */
const XFF_LINE =
  "req.headers['x-forwarded-for'] ??= originalRequest == null ? void 0 : (_originalRequest_socket1 = originalRequest.socket) == null ? void 0 : _originalRequest_socket1.remoteAddress;";
const PEER_LINES =
  " /* tracemark peer (scripts/patch-next.mjs) */ { const tmSocket = originalRequest == null ? void 0 : originalRequest.socket; const tmPeer = tmSocket == null ? void 0 : tmSocket.remoteAddress; if (tmPeer) { req.headers['x-tracemark-peer'] = tmPeer; req.headers['x-tracemark-peer-proto'] = tmSocket.encrypted ? 'https' : 'http'; } else { delete req.headers['x-tracemark-peer']; delete req.headers['x-tracemark-peer-proto']; } }";

/**
 * Patch 3 (issue 10, ADR 0028): a page's chunks run after its first frame. Every dynamic HTML response passes through
 * `createDeferScriptsTransform` (scripts/defer-scripts.mjs, inlined here by its source text, so the build bundles it
 * with Next's own sendRenderResult). Prerendered (string) results and RSC payloads are left as they are.
 */
const PAYLOAD_LINE = "const payload = result.isDynamic ? null : result.toUnchunkedString();";
const DEFER_LINES = `/* tracemark defer-scripts (scripts/patch-next.mjs) */ if (result.isDynamic && !result.isNull && typeof result.contentType === 'string' && result.contentType.startsWith('text/html')) result.pipeThrough((${createDeferScriptsTransform.toString()})()); `;

const targets = [
  {
    file: "dist/client/components/router-reducer/create-initial-router-state.js",
    before: `${ARGS}canonicalUrl${TAIL}`,
    after: `${ARGS}(0, _createhreffromurl.createHrefFromUrl)(location, false)${TAIL}`,
    what: "the route-cache seed line",
    done: "route cache seeded without the hash",
  },
  {
    file: "dist/esm/client/components/router-reducer/create-initial-router-state.js",
    before: `${ARGS}canonicalUrl${TAIL}`,
    after: `${ARGS}createHrefFromUrl(location, false)${TAIL}`,
    what: "the route-cache seed line",
    done: "route cache seeded without the hash",
  },
  {
    file: "dist/server/base-server.js",
    before: XFF_LINE,
    after: XFF_LINE + PEER_LINES,
    what: "the x-forwarded-for line",
    done: "x-tracemark-peer set from the socket",
  },
  {
    file: "dist/esm/server/base-server.js",
    before: XFF_LINE,
    after: XFF_LINE + PEER_LINES,
    what: "the x-forwarded-for line",
    done: "x-tracemark-peer set from the socket",
  },
  {
    file: "dist/server/send-payload.js",
    before: PAYLOAD_LINE,
    after: DEFER_LINES + PAYLOAD_LINE,
    what: "sendRenderResult's payload line",
    done: "page chunks run after the first contentful paint",
  },
  {
    file: "dist/esm/server/send-payload.js",
    before: PAYLOAD_LINE,
    after: DEFER_LINES + PAYLOAD_LINE,
    what: "sendRenderResult's payload line",
    done: "page chunks run after the first contentful paint",
  },
];

for (const { file, before, after, what, done } of targets) {
  const full = path.join(nextDir, file);
  let text = readFileSync(full, "utf8");
  if (text.includes(after)) continue;
  // an earlier version of patch 3 (defer-scripts.mjs changed): take it out before applying this one
  text = text.replace(/\/\* tracemark defer-scripts \(scripts\/patch-next\.mjs\) \*\/.*?(?=const payload = )/s, "");
  const count = text.split(before).length - 1;
  if (count !== 1) {
    console.error(`patch-next: expected ${what} once in next/${file}, found it ${count} times. Has this Next version changed it? See scripts/patch-next.mjs.`);
    process.exit(1);
  }
  // a new file renamed over the old one: node_modules trees made with hard links (several checkouts sharing one
  // install) keep their own, unpatched copy; only this tree's entry changes
  const tmp = `${full}.patch-next.tmp`;
  writeFileSync(
    tmp,
    text.replace(before, () => after),
  );
  renameSync(tmp, full);
  console.log(`patch-next: ${done} in next/${file}`);
}
