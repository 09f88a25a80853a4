import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findNginx, siteConfig, testNginxConfig, writeNginxConfig } from "./cluster-nginx";

const TEMPLATE = readFileSync(path.join(process.cwd(), "deploy/nginx/tracemark.conf"), "utf8");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the cluster's nginx config (deploy/nginx/tracemark.conf rewritten)", () => {
  it("lists exactly the processes' ports, listens where asked, and keeps the retry rules", () => {
    const conf = siteConfig(TEMPLATE, { port: 3400, upstreams: [3401, 3402, 3403] }, "/tmp/x/proxy.inc");
    const servers = [...conf.matchAll(/^\s*server 127\.0\.0\.1:(\d+) /gm)].map((m) => Number(m[1]));
    expect(servers).toEqual([3401, 3402, 3403]);
    expect(conf).toMatch(/^\s*listen 127\.0\.0\.1:3400;/m);
    expect(conf).not.toContain("/etc/nginx/tracemark-proxy.params");
    expect(conf.match(/include \/tmp\/x\/proxy\.inc;/g)).toHaveLength(2);
    const directives = conf
      .split("\n")
      .map((l) => l.replace(/#.*/, ""))
      .join("\n");
    // POSTs are resent to another process only for the sync's idempotent procedures
    expect(directives.match(/non_idempotent/g)).toHaveLength(1);
    expect(directives).toMatch(/location ~ \^\/api\/trpc\/sync[^{]*\{[^}]*non_idempotent/);
    // round robin: no affinity of a client to a process
    expect(directives).not.toMatch(/ip_hash|sticky|hash \$|least_conn/);
    expect(conf).not.toContain("X-Tracemark-Upstream");
    expect(siteConfig(TEMPLATE, { port: 1, upstreams: [2], exposeUpstream: true }, "/i")).toContain("add_header X-Tracemark-Upstream $upstream_addr always;");
  });

  it("refuses a template without its markers and a cluster without processes", () => {
    expect(() => siteConfig("server { listen 80; }", { port: 1, upstreams: [2] }, "/i")).toThrow(/cluster:/);
    expect(() => siteConfig(TEMPLATE, { port: 1, upstreams: [] }, "/i")).toThrow(/no upstream/);
  });

  it.skipIf(!findNginx())("is accepted by nginx -t (Debian's nginx)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tm-nginx-test-"));
    dirs.push(dir);
    const conf = writeNginxConfig({ port: 3400, upstreams: [3401, 3402], dir, exposeUpstream: true });
    expect(() => testNginxConfig(findNginx()!, dir, conf)).not.toThrow();
    expect(readFileSync(conf, "utf8")).toContain(`pid ${dir}/nginx.pid;`);
  });
});
