/**
 * Another request's latency while something expensive runs (issue 11): a tiny HTTP server answering as
 * /api/health does (its own route handler), probed over loopback one request after another for as long as the work
 * runs, in the same process (so on the same event loop as the work). Also the event loop's own delay
 * (perf_hooks.monitorEventLoopDelay), the figure that does not depend on the probe.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { GET as health } from "@/app/api/health/route";

export interface LatencyReport {
  /** Health requests answered while the work ran. */
  requests: number;
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  /** The event loop's longest delay in the same time (ms, 10 ms resolution). */
  loopDelayMaxMs: number;
  /** How long the work took. */
  workMs: number;
}

async function healthServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    void (async () => {
      const r = health();
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(await r.text());
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`, server };
}

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);

/** Runs `work` while probing health; returns what the work returned and the latencies seen meanwhile. */
export async function latencyDuring<T>(work: () => Promise<T>): Promise<{ result: T; report: LatencyReport }> {
  const { url, server } = await healthServer();
  try {
    // warm the connection and the handler first (the first request pays for setting them up, not for the work)
    for (let i = 0; i < 3; i++) await (await fetch(url)).json();
    const samples: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const t0 = performance.now();
        await (await fetch(url)).json();
        samples.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    let result: T;
    try {
      result = await work();
    } catch (err) {
      loop.disable();
      throw err;
    } finally {
      running = false;
    }
    const workMs = performance.now() - t0;
    await probe;
    // the monitor records a delay when its timer next fires: a block at the very end of the work (a COMMIT, say) is
    // seen only if the loop turns once more before it stops. The probe alone misses a block that starts while it
    // sleeps between requests (its next request is sent after the block), so both figures are kept.
    await new Promise((r) => setTimeout(r, 30));
    loop.disable();
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      result,
      report: {
        requests: samples.length,
        maxMs: Math.round(sorted.at(-1) ?? 0),
        p99Ms: Math.round(quantile(sorted, 0.99)),
        p50Ms: Math.round(quantile(sorted, 0.5)),
        loopDelayMaxMs: Math.round(loop.max / 1e6),
        workMs: Math.round(workMs),
      },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A license registry CSV of about `bytes` bytes (UTF-8), every row good, license numbers unique. */
export function licenseCsvOf(bytes: number, series = 0): { csv: string; rows: number } {
  const lines = ["license_no,mark_code,applicant,equipment_name,model,issue_date,expiry_date"];
  let size = lines[0]!.length + 1;
  let i = 0;
  while (size < bytes) {
    const line = `${String(10 + (i % 80)).padStart(2, "0")}-D${String(100 + series).padStart(3, "0")}-${String(i % 1_000_000).padStart(6, "0")},,深圳市中兴通讯股份有限公司,数字无绳电话机,HWCD${i % 1000},2024-03-01,2027-03-01`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    i++;
  }
  return { csv: lines.join("\n"), rows: i };
}
