import "server-only";
import { logEvent } from "@/server/log";
import { metrics } from "./metrics";
import { REQUEST_ID_HEADER, requestIdOf, runInRequest, type RequestContext } from "./request-context";

/**
 * Serves one API request with an id: every log line written meanwhile carries it (server/log.ts), the answer returns
 * it in `x-request-id`, and one line `http.request` (method, route, status, ms, user id) plus the request metrics
 * are written when it ends. `route` must come from a fixed set (it is a metric label): the tRPC procedure when known.
 */
export async function observeHttp(req: Request, route: string, handle: () => Promise<Response>): Promise<Response> {
  const ctx: RequestContext = { requestId: requestIdOf(req.headers) };
  return runInRequest(ctx, async () => {
    const started = performance.now();
    let status = 500;
    try {
      const res = withHeader(await handle(), REQUEST_ID_HEADER, ctx.requestId);
      status = res.status;
      return res;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const m = metrics();
      m.httpRequests.inc({ route, method: req.method, status: String(status) });
      m.httpSeconds.observe({ route, method: req.method }, seconds);
      logEvent(status >= 500 ? "warn" : "info", "http.request", {
        method: req.method,
        route,
        status,
        ms: Math.round(seconds * 1000),
        ...(ctx.userId ? { userId: ctx.userId } : {}),
      });
    }
  });
}

/** The response with one more header (a Response whose headers are immutable is copied). */
function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}
