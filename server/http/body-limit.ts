import "server-only";

/**
 * The largest request body the API accepts, checked before tRPC parses anything: above the biggest legitimate body
 * (a 2 MB registry CSV as JSON, a push of one 1 MB mutation) with room for escaping.
 */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * The 413. It closes the connection (`Connection: close`): the rest of the refused body is still on the wire, and
 * a keep-alive client would otherwise wait on the same connection for its next answer while the server skips it
 * (seen: 5 s). Draining instead would make the server read whatever an attacker keeps sending.
 */
export const tooLarge = () =>
  new Response(JSON.stringify({ error: { message: "Request body too large", code: "PAYLOAD_TOO_LARGE" } }), {
    status: 413,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close" },
  });

/**
 * The request with its body read under the limit, or null when it is larger: a declared Content-Length over the
 * limit is refused unread, and a missing or false one cannot get past the count made while reading.
 */
export async function boundedRequest(req: Request, max = MAX_BODY_BYTES): Promise<Request | null> {
  if (req.method !== "POST" || !req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}
