export const dynamic = "force-dynamic";

/** Reachability probe for the connection indicator; the service worker never caches /api/. */
export function GET() {
  return Response.json({ ok: true, t: Date.now() }, { headers: { "Cache-Control": "no-store" } });
}
