/**
 * Issue 11 ("one expensive request must not stall everyone"): while an admin imports a 1 MB registry CSV, another
 * request (the health probe every phone's connection indicator uses) is answered within 200 ms. Before, the file was
 * parsed and checked in one go and /api/health waited up to 6.3 s.
 *
 * The one test in the suite that measures time, because the issue asks for this bound. Made robust for a busy 2-core
 * machine: the import itself may take as long as it needs (its budget is generous); only the wait of another
 * request is bounded, and the work is cut into slices of ~5 ms (domain/slices.ts). The 99th percentile must be within
 * 200 ms; the single worst request within 1 s (at load 10 on 2 cores a lone request was seen at 300–400 ms while
 * the event loop's own delay stayed ~130 ms: the probe needs several turns). Before the fix one request waited for
 * the whole parse (seconds), so both fail. bench:stall records the maximum against 200 ms.
 *
 * The event loop's own longest delay is bounded too (≤ 1 s): the probe misses a block that starts while it sleeps
 * between requests. That is how the instrument import's COMMIT hid for a while: it chained 10,000 audit rows at once
 * and held PGlite, so this process, ~5 s (CI saw a request wait 9.5 s); now they are chained round by round (ADR 0046).
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, instruments } from "@/db/schema";
import { verifyAuditChain } from "@/server/audit/verify";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { latencyDuring, licenseCsvOf } from "@/tests/helpers/latency";
import { makeUser } from "@/tests/helpers/users";

const INSTRUMENT_HEADER =
  "asset_tag,name,model,serial,kind,category,department,keeper_username,location,intake_date,service_life_years,calibrated_on,calibration_result,certificate_no,lab";

describe("a 1 MB license import does not stall other requests", () => {
  let t: TestDb;
  let admin: Caller;
  let custodian: Caller;

  beforeAll(async () => {
    t = await createTestDb();
    const u = await makeUser(t.db, { role: "admin" });
    admin = (await login(t.db, u.username, u.password)).caller;
    const c = await makeUser(t.db, { role: "instrument_custodian", department: "technology_development" });
    custodian = (await login(t.db, c.username, c.password)).caller;
  }, 60_000);
  afterAll(async () => t?.close());

  it("health during the whole import: 99 % of requests within 200 ms, none over 1 s (the maximum against 200 ms is bench:stall's)", async () => {
    const { csv, rows } = licenseCsvOf(1024 * 1024);
    const { result, report } = await latencyDuring(() => admin.licenses.import({ csv, fileName: "registry-1mb.csv" }));
    console.log(`1 MB import (${rows} rows): ${JSON.stringify(report)}`);
    expect(result).toMatchObject({ imported: rows, badCount: 0 });
    expect(report.requests).toBeGreaterThan(5);
    expect(report.p99Ms).toBeLessThanOrEqual(200);
    expect(report.maxMs).toBeLessThanOrEqual(1_000);
    expect(report.loopDelayMaxMs).toBeLessThanOrEqual(1_000);
    // 4× slower machine: the import takes ~5–10 s here when the machine is busy
  }, 120_000);

  it("the same for a 1 MB instrument register (and all of its ~10,000 rows are written: more than one statement holds)", async () => {
    const lines = [INSTRUMENT_HEADER];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      const line = `IN-${String(500_000 + i).padStart(6, "0")},光功率计,JW3208,S${i},Power Meter,public,technology_development,,仪表室,2024-01-01,8,,,,`;
      lines.push(line);
      size += Buffer.byteLength(line) + 2;
    }
    const { result, report } = await latencyDuring(() => custodian.instruments.importCsv({ csv: lines.join("\r\n") }));
    console.log(`1 MB instrument import (${lines.length - 1} rows): ${JSON.stringify(report)}`);
    expect(result).toEqual({ created: lines.length - 1, errors: [] });
    expect((await t.db.select({ n: count() }).from(instruments))[0]!.n).toBeGreaterThanOrEqual(lines.length - 1);
    // one audit row per instrument, all chained (on PGlite round by round, ADR 0046): the chain verifies end to end
    const chain = await verifyAuditChain(t.db);
    expect(chain).toMatchObject({ ok: true, firstBreak: null });
    expect(chain.count).toBe((await t.db.select({ n: count() }).from(auditEvents))[0]!.n);
    expect(chain.count).toBeGreaterThan(lines.length - 1);
    expect(report.p99Ms).toBeLessThanOrEqual(200);
    expect(report.maxMs).toBeLessThanOrEqual(1_000);
    expect(report.loopDelayMaxMs).toBeLessThanOrEqual(1_000);
  }, 180_000);
});
