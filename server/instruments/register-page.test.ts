import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALIBRATION_STATES } from "@/domain/instruments/calibration";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeInstrument, phoneFor, type Phone } from "@/tests/helpers/instruments";
import { listInstruments } from "./service";

/** The office register a page at a time (issue 18): keyset pages, the calibration filter in the database, tag lookup. */
describe("instruments.list: the register in pages", () => {
  let t: TestDb;
  let custodian: Phone;
  const kind = `page-${randomUUID().slice(0, 8)}`;
  const tags: string[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    // every calibration state, and ties on the due day (the tag breaks them)
    const ages = [1, 1, 1, 100, 100, 700, 700, 710, 725, 729, 730, 731, 740, 800, 900, 1000, 5, 5, 5, 30];
    for (const calibratedDaysAgo of ages) tags.push((await makeInstrument(t.db, { kind, calibratedDaysAgo })).assetTag);
    // two without a due day: a page can end between them (the cursor's "infinity")
    for (let i = 0; i < 2; i++) tags.push((await makeInstrument(t.db, { kind, calibratedOn: null, calibrationDue: null, calibrationResult: null })).assetTag);
    tags.push((await makeInstrument(t.db, { kind, calibrationResult: "failed" })).assetTag);
    tags.push((await makeInstrument(t.db, { kind, calibrationResult: null })).assetTag);
  });
  afterAll(async () => t?.close());

  type Input = Parameters<Phone["caller"]["instruments"]["list"]>[0];
  async function allPages(input: Input) {
    const rows: { assetTag: string; calibrationState: string }[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await custodian.caller.instruments.list({ ...input, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(input.limit ?? 50);
      rows.push(...page.rows);
      if (!page.nextCursor) return rows;
      cursor = page.nextCursor;
    }
    throw new Error("the pages never ended");
  }

  it("pages of any size add up to the whole register in its order, each row once", async () => {
    const whole = (await listInstruments({ db: t.db, filters: { kind } })).map((r) => r.assetTag);
    expect([...whole].sort()).toEqual([...tags].sort());
    for (const limit of [1, 4, 7, 23, 50]) {
      expect((await allPages({ kind, limit })).map((r) => r.assetTag)).toEqual(whole);
    }
  });

  it("the calibration filter takes exactly the rows in that state today, in pages", async () => {
    const whole = await listInstruments({ db: t.db, filters: { kind } });
    let seen = 0;
    for (const calibration of CALIBRATION_STATES) {
      const expected = whole.filter((r) => r.calibrationState === calibration).map((r) => r.assetTag);
      const got = await allPages({ kind, calibration, limit: 3 });
      expect(
        got.map((r) => r.assetTag),
        calibration,
      ).toEqual(expected);
      expect(got.every((r) => r.calibrationState === calibration)).toBe(true);
      seen += expected.length;
    }
    expect(seen).toBe(tags.length);
    // the test data holds every state
    for (const s of CALIBRATION_STATES)
      expect(
        whole.some((r) => r.calibrationState === s),
        s,
      ).toBe(true);
  });

  it("a whole asset tag, typed in any case or with a long dash, finds that instrument", async () => {
    const tag = tags[7]!;
    const typed = ` ${tag.toLowerCase().replace("-", "—")} `;
    const page = await custodian.caller.instruments.list({ q: typed });
    expect(page.rows.map((r) => r.assetTag)).toEqual([tag]);
    expect(page.nextCursor).toBeNull();
  });

  it("a cursor the server did not give is refused; the first page stays available", async () => {
    for (const cursor of ["not-ours", Buffer.from(JSON.stringify(["2026-01-01", "DROP TABLE"])).toString("base64url"), "x".repeat(201)]) {
      await expectAppError(custodian.caller.instruments.list({ kind, cursor }), "bad_input");
    }
    expect((await custodian.caller.instruments.list({ kind })).rows.length).toBe(tags.length);
  });
});
