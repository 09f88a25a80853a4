/**
 * A crash at the worst moment: the server commits a pushed batch and dies (SIGKILL) before answering. The phone
 * sees a broken connection and sends the same batch again to the restarted server, which must answer what it
 * stored, not apply anything twice. Uses the production build and the test-only fault hook of server/sync/push.ts
 * (TRACEMARK_FAULT_KILL_AFTER_COMMIT), set for the first server process only.
 */
import { randomUUID } from "node:crypto";
import { uuidv7 } from "uuidv7";
import { afterAll, describe, expect, test } from "vitest";
import { onCluster, startAppServer, type AppServer } from "./support/server";

const PORT = 3217;

/** A tRPC call over HTTP as the app's client makes it (superjson body, CSRF header, same Origin). */
/** `body` is the parsed JSON, unchecked: the caller says what it expects with a type assertion. */
async function trpc(server: AppServer, path: string, input: unknown, cookie?: string): Promise<{ status: number; body: unknown; setCookie: string[] }> {
  const res = await fetch(`${server.baseUrl}/api/trpc/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-tracemark-csrf": "1",
      origin: server.baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as unknown, setCookie: res.headers.getSetCookie() };
}

type Data<T> = { result: { data: { json: T } } };

interface PullPage {
  items: { id: string; tagCode: string; status: string; version: number }[];
  events: { itemId: string; toStatus: string; versionAfter: number }[];
  cursor: string;
  hasMore: boolean;
  lastAppliedSeq: number;
}

async function pullAll(
  server: AppServer,
  cookie: string,
  deviceId: string,
): Promise<{ items: PullPage["items"]; events: PullPage["events"]; lastAppliedSeq: number }> {
  const items: PullPage["items"] = [];
  const events: PullPage["events"] = [];
  let cursor = "0";
  for (;;) {
    const { status, body } = await trpc(server, "sync.pull", { deviceId, cursor }, cookie);
    expect(status).toBe(200);
    const page = (body as Data<PullPage>).result.data.json;
    items.push(...page.items);
    events.push(...page.events);
    cursor = page.cursor;
    if (!page.hasMore) return { items, events, lastAppliedSeq: page.lastAppliedSeq };
  }
}

describe.skipIf(onCluster)("SIGKILL after commit, before the answer", () => {
  let server: AppServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  test("the resent batch gets the stored answers: applied once, one label event, version up by one", async () => {
    const killId = uuidv7();
    server = await startAppServer({ port: PORT, env: { TRACEMARK_FAULT_KILL_AFTER_COMMIT: killId } });
    const dataDir = server.dataDir;

    const login = await trpc(server, "auth.login", { username: "keeper", password: "keeper-demo1" });
    expect(login.status).toBe(200);
    const cookie = login.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]!;
    const deviceId = randomUUID();
    expect((await trpc(server, "sync.registerDevice", { deviceId, label: "kill test" }, cookie)).status).toBe(200);

    const before = await pullAll(server, cookie, deviceId);
    const tag = (t: string) => before.items.find((i) => i.tagCode === t)!;
    const [a, b] = [tag("ST-000101"), tag("ST-000103")];
    expect(a).toMatchObject({ status: "pending_inspection", version: 1 });
    expect(b).toMatchObject({ status: "accepted", version: 1 });
    const now = new Date().toISOString();
    const batch = {
      deviceId,
      mutations: [
        {
          mutationId: uuidv7(),
          deviceId,
          seq: 1,
          name: "item.changeLabel",
          schemaVersion: 1,
          args: { itemId: b.id, to: "in_use", reason: "issued_for_use", note: "" },
          expected: { from: "accepted", version: 1 },
          clientTime: now,
        },
        {
          mutationId: killId,
          deviceId,
          seq: 2,
          name: "item.changeLabel",
          schemaVersion: 1,
          args: { itemId: a.id, to: "accepted", reason: "inspection_passed", note: "", zoneCode: "WH1-A" },
          expected: { from: "pending_inspection", version: 1 },
          clientTime: now,
        },
      ],
    };

    // the server commits, then dies: the phone sees the connection break, not an answer
    await expect(trpc(server, "sync.push", batch, cookie)).rejects.toThrow();
    await server.waitForExit();

    server = await startAppServer({ port: PORT, dataDir });
    const { cookie: again } = await (async () => {
      const r = await trpc(server, "auth.login", { username: "keeper", password: "keeper-demo1" });
      return { cookie: r.setCookie.find((c) => c.startsWith("tm_session="))!.split(";")[0]! };
    })();
    // the commit survived the kill
    const afterKill = await pullAll(server, again, deviceId);
    expect(afterKill.lastAppliedSeq).toBe(2);

    const resent = await trpc(server, "sync.push", batch, again);
    expect(resent.status).toBe(200);
    expect((resent.body as Data<{ results: unknown[]; lastAppliedSeq: number; gap: unknown }>).result.data.json).toEqual({
      results: batch.mutations.map((m) => ({ mutationId: m.mutationId, seq: m.seq, status: "applied", reasonCode: null, details: null })),
      lastAppliedSeq: 2,
      gap: null,
    });

    const after = await pullAll(server, again, deviceId);
    expect(after.items.filter((i) => i.id === a.id).at(-1)).toMatchObject({ status: "accepted", version: 2 });
    expect(after.items.filter((i) => i.id === b.id).at(-1)).toMatchObject({ status: "in_use", version: 2 });
    expect(after.events.filter((e) => e.itemId === a.id)).toEqual([expect.objectContaining({ toStatus: "accepted", versionAfter: 2 })]);
    expect(after.events.filter((e) => e.itemId === b.id)).toEqual([expect.objectContaining({ toStatus: "in_use", versionAfter: 2 })]);
  });
});
