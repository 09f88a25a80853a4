/**
 * The load balancer of `npm run cluster` (docs/operations/several-processes.md): the committed
 * deploy/nginx/tracemark.conf with its `cluster:` lines rewritten (listen port, upstream servers, include path),
 * wrapped in a whole nginx.conf whose pid file, logs and temp dirs live in one private directory, so nginx runs
 * without root and without touching /etc/nginx or /var.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx"];
const DEPLOY = path.join(process.cwd(), "deploy", "nginx");

/** The nginx binary (NGINX_BIN, else Debian's places), or null. */
export function findNginx(): string | null {
  const named = process.env.NGINX_BIN;
  if (named) return existsSync(named) ? named : null;
  return NGINX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface TNginxSettings {
  /** Where nginx listens (127.0.0.1). */
  port: number;
  /** The app processes' ports on 127.0.0.1. */
  upstreams: readonly number[];
  /** Writable private directory: nginx.conf, pid, logs, temp. */
  dir: string;
  /** Answer `X-Tracemark-Upstream: <addr>` (the process that answered): tests, benches. Off for real use. */
  exposeUpstream?: boolean;
  /** nginx worker processes (default 1). */
  workers?: number;
}

/** deploy/nginx/tracemark.conf as the cluster runs it (pure: tested in scripts/cluster-nginx.test.ts). */
export function siteConfig(template: string, s: Pick<TNginxSettings, "port" | "upstreams" | "exposeUpstream">, includePath: string): string {
  const lines = template.split("\n");
  const out: string[] = [];
  let inUpstreams = false;
  let sawUpstreams = false;
  let sawListen = false;
  for (const line of lines) {
    if (line.includes("# cluster:upstreams-begin")) {
      inUpstreams = true;
      sawUpstreams = true;
      out.push(line, ...s.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`));
      continue;
    }
    if (line.includes("# cluster:upstreams-end")) inUpstreams = false;
    if (inUpstreams) continue;
    if (line.includes("# cluster:listen")) {
      sawListen = true;
      out.push(`    listen 127.0.0.1:${s.port}; # cluster:listen`);
      if (s.exposeUpstream) out.push("    add_header X-Tracemark-Upstream $upstream_addr always;");
      continue;
    }
    if (line.includes("# cluster:include")) {
      out.push(line.replace(/include \S+;/, `include ${includePath};`));
      continue;
    }
    out.push(line);
  }
  if (!sawUpstreams || !sawListen || inUpstreams) throw new Error("deploy/nginx/tracemark.conf lost its `cluster:` markers (listen, upstreams-begin/end)");
  if (s.upstreams.length === 0) throw new Error("no upstream process");
  return out.join("\n");
}

/** A whole nginx.conf around the site, everything nginx writes kept in `dir`. */
export function mainConfig(s: TNginxSettings, sitePath: string): string {
  const d = (name: string) => path.join(s.dir, name);
  return [
    `worker_processes ${s.workers ?? 1};`,
    `pid ${d("nginx.pid")};`,
    `error_log ${d("error.log")} warn;`,
    "events { worker_connections 4096; }",
    "http {",
    // which process answered each request, and how it went: the proof that requests land on every process
    "  log_format tracemark '$remote_addr [$time_iso8601] \"$request\" $status up=$upstream_addr up_status=$upstream_status rt=$request_time';",
    `  access_log ${d("access.log")} tracemark;`,
    `  client_body_temp_path ${d("body")};`,
    `  proxy_temp_path ${d("proxy")};`,
    `  fastcgi_temp_path ${d("fastcgi")};`,
    `  uwsgi_temp_path ${d("uwsgi")};`,
    `  scgi_temp_path ${d("scgi")};`,
    "  server_tokens off;",
    `  include ${sitePath};`,
    "}",
    "",
  ].join("\n");
}

/** Writes nginx.conf (and the site and include files) into `s.dir`; answers the nginx.conf path. */
export function writeNginxConfig(s: TNginxSettings): string {
  // nginx started as root runs its workers as nobody: they must reach the temp dirs inside
  chmodSync(s.dir, 0o755);
  const include = path.join(s.dir, "tracemark-proxy.params");
  copyFileSync(path.join(DEPLOY, "tracemark-proxy.params"), include);
  const site = path.join(s.dir, "tracemark.conf");
  writeFileSync(site, siteConfig(readFileSync(path.join(DEPLOY, "tracemark.conf"), "utf8"), s, include));
  const main = path.join(s.dir, "nginx.conf");
  writeFileSync(main, mainConfig(s, site));
  return main;
}

/** `nginx -t` on the written config: throws with nginx's own words when it is refused. */
export function testNginxConfig(bin: string, dir: string, conf: string): void {
  try {
    execFileSync(bin, ["-p", dir, "-c", conf, "-t", "-q"], { stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: Buffer };
    throw new Error(`nginx refused ${conf}:\n${e.stderr?.toString() ?? String(err)}`, { cause: err });
  }
}
