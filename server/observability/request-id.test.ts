import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleTrpc } from "@/server/http/trpc-handler";
import { createContext } from "@/server/trpc";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { requestIdOf, runInRequest } from "./request-context";

/** Request ids through /api/trpc (server/http/trpc-handler.ts): echoed when well-formed, replaced otherwise, logged. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A mutation without the CSRF header: refused, with a warning line written while the request is served. */
const refused = (requestId?: string) =>
  handleTrpc(
    t.db,
    new Request(`${APP_ORIGIN}/api/trpc/auth.logout`, {
      method: "POST",
      body: JSON.stringify({ json: null }),
      headers: { origin: APP_ORIGIN, "content-type": "application/json", ...(requestId === undefined ? {} : { "x-request-id": requestId }) },
    }),
  );

describe("request ids", () => {
  it("echoes a well-formed x-request-id and puts it on the request's log lines", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const res = await refused("lb-7f3a.9_Z-1");
      expect(res.status).toBe(403);
      expect(res.headers.get("x-request-id")).toBe("lb-7f3a.9_Z-1");
      const lines = warn.mock.calls.map(([l]) => JSON.parse(String(l)) as Record<string, unknown>);
      expect(lines.find((l) => l.event === "security.csrf_rejected")).toMatchObject({ requestId: "lb-7f3a.9_Z-1", path: "auth.logout" });
    } finally {
      warn.mockRestore();
    }
  });

  it("replaces a missing, too long or ill-formed id with a new one", async () => {
    const seen = new Set<string>();
    for (const given of [undefined, "a".repeat(65), "has space", "x\u00e9", "", "semi;colon", "<script>"]) {
      const res = await refused(given);
      const id = res.headers.get("x-request-id");
      expect(id, String(given)).toMatch(UUID);
      seen.add(id!);
    }
    expect(seen.size).toBe(7);
    expect(requestIdOf(new Headers({ "x-request-id": "a".repeat(64) }))).toBe("a".repeat(64));
  });

  it("is in the tRPC context: the request's own id inside a request, the header's outside", async () => {
    const req = new Request(`${APP_ORIGIN}/api/trpc/x`, { method: "POST", headers: { "x-request-id": "from-header" } });
    expect((await createContext({ db: t.db, req, resHeaders: new Headers() })).requestId).toBe("from-header");
    const inside = await runInRequest({ requestId: "served-1" }, () => createContext({ db: t.db, req, resHeaders: new Headers() }));
    expect(inside.requestId).toBe("served-1");
  });
});
