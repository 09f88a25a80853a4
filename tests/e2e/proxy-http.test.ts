import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { sessions, users } from "@/db/schema";
import { openDataDir, onCluster, startAppServer, type AppServer } from "./support/server";

/**
 * Issue 11 against a real `next start` (no browser): the patched Next.js reports the connection's address
 * (scripts/patch-next.mjs) and no header a client sends can change it; forwarded headers count only from
 * TRUST_PROXY; a 413 closes its connection so a keep-alive client's next request is not stuck behind it.
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: import("node:net").Socket;
}

/** One HTTP/1.1 request over 127.0.0.1 with exactly these headers (fetch would refuse or rewrite some). */
function send(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | ((req: http.ClientRequest) => void); agent?: http.Agent },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), socket: res.socket }));
      res.on("error", reject);
    });
    // a refused upload: the server may close while we still write; the answer already came (or the test fails on it)
    req.on("error", (err) => (req.writableEnded ? undefined : reject(err)));
    if (typeof opts.body === "function") opts.body(req);
    else req.end(opts.body);
  });
}

const login = (server: AppServer, username: string, password: string, headers: Record<string, string> = {}) =>
  send(server.port, {
    method: "POST",
    path: "/api/trpc/auth.login",
    headers: {
      "content-type": "application/json",
      "x-tracemark-csrf": "1",
      origin: `http://127.0.0.1:${server.port}`,
      host: `127.0.0.1:${server.port}`,
      ...headers,
    },
    body: JSON.stringify({ json: { username, password } }),
  });

/** After the server stopped: the addresses stored for this user's sessions. */
async function sessionIps(dataDir: string, username: string): Promise<(string | null)[]> {
  const handle = await openDataDir(dataDir, { migrate: false });
  try {
    const rows = await handle.db.select({ ip: sessions.ip }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.username, username));
    return rows.map((r) => r.ip);
  } finally {
    await handle.close();
  }
}

const servers: AppServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe.skipIf(onCluster)("no trusted proxy (TRUST_PROXY unset)", () => {
  test("the client's X-Forwarded-For, X-Forwarded-Proto and a forged x-tracemark-peer change nothing; a 413 closes its connection", async () => {
    const server = await startAppServer({ port: 3607 });
    servers.push(server);

    const res = await login(server, "lineman", "lineman-demo", {
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-proto": "https",
      "x-tracemark-peer": "203.0.113.77",
      "x-tracemark-peer-proto": "https",
    });
    expect(res.status, res.body).toBe(200);
    const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("tm_session="));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/;\s*Secure/i);

    // text/plain and a wrong method carry their own codes
    const plain = await send(server.port, {
      method: "POST",
      path: "/api/trpc/auth.login",
      headers: { "content-type": "text/plain", "x-tracemark-csrf": "1", origin: `http://127.0.0.1:${server.port}` },
      body: "{}",
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toContain('"appCode":"unsupported_media_type"');
    const wrongMethod = await send(server.port, { path: "/api/trpc/auth.login?input=%7B%7D" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toContain('"appCode":"method_not_allowed"');

    // 10 MB chunked upload on a keep-alive connection: 413, the server closes that connection, and the next request
    // (same agent, one socket at most) is answered on a new one
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const chunk = Buffer.alloc(64 * 1024, 120);
      const big = await send(server.port, {
        method: "POST",
        path: "/api/trpc/sync.push",
        agent,
        headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin: `http://127.0.0.1:${server.port}` },
        body: (req) => {
          let sent = 0;
          const pump = () => {
            while (sent < 10 * 1024 * 1024 && !req.destroyed) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once("drain", pump);
            }
            req.end();
          };
          pump();
        },
      });
      expect(big.status).toBe(413);
      expect(big.headers.connection).toBe("close");
      if (!big.socket.destroyed) await new Promise((r) => big.socket.once("close", r));
      const next = await send(server.port, { path: "/api/health", agent });
      expect(next.status).toBe(200);
      expect(next.socket).not.toBe(big.socket);
    } finally {
      agent.destroy();
    }

    // 30 wrong logins claiming 203.0.113.9, then one claiming 203.0.113.10: still refused (the connection's address is locked)
    for (let i = 0; i < 30; i++) {
      const r = await login(server, `nobody-${i}`, "wrong-password", { "x-forwarded-for": "203.0.113.9" });
      expect(r.body).toContain('"appCode":"invalid_credentials"');
    }
    const locked = await login(server, "keeper", "keeper-demo1", { "x-forwarded-for": "203.0.113.10", "x-tracemark-peer": "203.0.113.10" });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('"appCode":"rate_limited"');

    await server.stop();
    expect(await sessionIps(server.dataDir, "lineman")).toEqual(["127.0.0.1"]);
  });
});

describe.skipIf(onCluster)("TRUST_PROXY=loopback (a proxy on this machine)", () => {
  test("X-Forwarded-Proto is honoured and the client is the right-most untrusted X-Forwarded-For hop", async () => {
    const server = await startAppServer({ port: 3608, env: { TRUST_PROXY: "loopback" } });
    servers.push(server);
    const res = await login(server, "keeper", "keeper-demo1", {
      "x-forwarded-for": "203.0.113.9, 198.51.100.30, 127.0.0.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "tracemark.example",
      origin: "https://tracemark.example",
    });
    expect(res.status, res.body).toBe(200);
    const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("tm_session="));
    expect(cookie).toMatch(/;\s*Secure/i);
    await server.stop();
    expect(await sessionIps(server.dataDir, "keeper")).toEqual(["198.51.100.30"]);
  });
});

describe.skipIf(onCluster)("a retired or wrong TRUST_PROXY", () => {
  test("TRUST_PROXY=1 stops the server at start with a message naming the new form", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "tm-e2e-")), "pglite");
    const started = startAppServer({ port: 3609, dataDir, env: { TRUST_PROXY: "1" } });
    await expect(started).rejects.toThrow(/server exited[\s\S]*TRUST_PROXY=1 \(believe X-Forwarded-\* from anyone\) is no longer accepted/);
  });
});
