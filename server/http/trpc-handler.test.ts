import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "@/server/trpc";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { handleTrpc } from "./trpc-handler";

/** /api/trpc as the route handler serves it (app/api/trpc/[trpc]/route.ts), on real Requests. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const call = (path: string, init: RequestInit = {}) =>
  handleTrpc(
    t.db,
    new Request(`${APP_ORIGIN}/api/trpc/${path}`, {
      ...init,
      headers: { origin: APP_ORIGIN, [CSRF_HEADER]: "1", ...(init.headers as Record<string, string>) },
    }),
  );

async function appCodeOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error: { json: { data: { appCode: string } } } };
  return body.error.json.data.appCode;
}

describe("HTTP refusals carry their own code", () => {
  it("a text/plain body is 415 unsupported_media_type", async () => {
    const res = await call("auth.login", { method: "POST", body: '{"json":{"username":"a","password":"b"}}', headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(await appCodeOf(res)).toBe("unsupported_media_type");
  });

  it("a mutation by GET is 405 method_not_allowed", async () => {
    const res = await call(`auth.login?input=${encodeURIComponent(JSON.stringify({ json: { username: "a", password: "b" } }))}`, { method: "GET" });
    expect(res.status).toBe(405);
    expect(await appCodeOf(res)).toBe("method_not_allowed");
  });

  it("a query by POST is 405 method_not_allowed", async () => {
    const res = await call("auth.me", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(405);
    expect(await appCodeOf(res)).toBe("method_not_allowed");
  });

  it("a body over the limit is 413 and closes the connection (the rest of the body is still on the wire)", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(120);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(chunk); // endless: the limit must stop it
      },
    });
    const res = await call("sync.push", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });
});
