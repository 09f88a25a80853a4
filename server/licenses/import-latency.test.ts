/**
 * Issue 11 ("one expensive request must not stall everyone"): while an admin imports a 1 MB registry CSV, another
 * request (the health probe every phone's connection indicator uses) is answered within 200 ms. Before, the file was
 * parsed and checked in one go and /api/health waited up to 6.3 s.
 *
 * The one test in the suite that measures time, because the issue asks for this bound. Made robust for a busy 2-core
 * machine: the import itself may take as long as it needs (its budget is generous); only the wait of another
 * request is bounded, and the work is cut into slices of ~8 ms (domain/slices.ts), 25× under the bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { latencyDuring, licenseCsvOf } from "@/tests/helpers/latency";
import { makeUser } from "@/tests/helpers/users";

describe("a 1 MB license import does not stall other requests", () => {
  let t: TestDb;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDb();
    const u = await makeUser(t.db, { role: "admin" });
    admin = (await login(t.db, u.username, u.password)).caller;
  }, 60_000);
  afterAll(async () => t?.close());

  it("health answers within 200 ms during the whole import", async () => {
    const { csv, rows } = licenseCsvOf(1024 * 1024);
    const { result, report } = await latencyDuring(() => admin.licenses.import({ csv, fileName: "registry-1mb.csv" }));
    console.log(`1 MB import (${rows} rows): ${JSON.stringify(report)}`);
    expect(result).toMatchObject({ imported: rows, badCount: 0 });
    expect(report.requests).toBeGreaterThan(5);
    expect(report.maxMs).toBeLessThanOrEqual(200);
    // 4× slower machine: the import takes ~5–10 s here when the machine is busy
  }, 120_000);
});
