import { eq, inArray } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, instrumentCalibrations, instruments } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, makeInstrument, newId, nextTag, phoneFor, type Phone } from "@/tests/helpers/instruments";

const HEADER =
  "asset_tag,name,model,serial,kind,category,department,keeper_username,location,intake_date,service_life_years,calibrated_on,calibration_result,certificate_no,lab";

describe("the register: create, correct, CSV import and export", () => {
  let t: TestDb;
  let custodian: Phone;
  let wang: Phone;
  let quality: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    quality = await phoneFor(t.db, "quality", "enterprise_management");
  });
  afterAll(async () => t?.close());

  const fields = () => ({
    assetTag: nextTag().toLowerCase(),
    name: "光功率计",
    model: "JW3208",
    serial: "S1",
    kind: " Power  Meter",
    category: "public" as const,
    department: "technology_development" as const,
    keeperId: null,
    location: "仪表室",
    intakeDate: "2025-01-31",
    serviceLifeYears: 6,
  });

  it("create: normalised tag and kind, available, no permit until calibrated; a taken tag is refused", async () => {
    const input = fields();
    const row = await custodian.caller.instruments.create(input);
    expect(row).toMatchObject({ assetTag: input.assetTag.toUpperCase(), kind: "power meter", status: "available", calibrationResult: null, version: 1 });
    const again = await expectAppError(custodian.caller.instruments.create(input), "rule_violation");
    expect(again.data.details).toMatchObject({ rule: "duplicate_tag" });
    await expectAppError(wang.caller.instruments.create(fields()), "forbidden");
    await expectAppError(custodian.caller.instruments.create({ ...fields(), intakeDate: "2025-02-29" }), "bad_input");
  });

  it("update: compare-and-set on the version; a scrapped entry is not edited", async () => {
    const row = await custodian.caller.instruments.create(fields());
    const after = await custodian.caller.instruments.update({ ...fields(), assetTag: row.assetTag, id: row.id, version: 1, location: "二楼" });
    expect(after).toMatchObject({ location: "二楼", version: 2 });
    await expectAppError(custodian.caller.instruments.update({ ...fields(), assetTag: row.assetTag, id: row.id, version: 1 }), "conflict");
    const scrapped = await makeInstrument(t.db, { status: "scrapped" });
    const shape = await expectAppError(
      custodian.caller.instruments.update({ ...fields(), assetTag: scrapped.assetTag, id: scrapped.id, version: scrapped.version }),
      "rule_violation",
    );
    expect(shape.data.details).toMatchObject({ rule: "invalid_transition" });
  });

  it("CSV import: good rows kept, every bad row reported with line, column and reason", async () => {
    const [good1, good2, dup, badKeeper] = [nextTag(), nextTag(), nextTag(), nextTag()];
    const existing = await makeInstrument(t.db);
    const csv = [
      HEADER,
      `${good1},光时域反射仪 OTDR,AQ7280,Y1,OTDR,public,technology_development,${custodian.user.username},仪表室,2024-02-29,8,2025-03-01,passed,JL-1,市通信计量站`,
      `${good2},"数字万用表, 手持",F17B+,Y2,multimeter,special,terminal_service,${wang.user.username},终端服务部,2024-01-01,6,,,,`,
      `BAD-1,,AQ7280,Y3,OTDR,private,technology_development,,仪表室,2024-02-30,eight,,,,`,
      `${existing.assetTag},OTDR,AQ7280,Y4,OTDR,public,technology_development,,仪表室,2024-01-01,8,,,,`,
      `${dup},OTDR,AQ7280,Y5,OTDR,public,technology_development,,仪表室,2024-01-01,8,,,,`,
      `${dup},OTDR,AQ7280,Y6,OTDR,public,technology_development,,仪表室,2024-01-01,8,,,,`,
      `${badKeeper},OTDR,AQ7280,Y7,OTDR,public,technology_development,no-such-user,仪表室,2024-01-01,8,,,,`,
      `${nextTag()},OTDR,AQ7280,Y8,OTDR,public,technology_development,,仪表室,2024-01-01,8,${addDays(operatorToday(), 2)},passed,,`,
      // issue 16: a special instrument names a keeper of its department (专人负责管理)
      `${nextTag()},万用表,F17B+,Y9,multimeter,special,terminal_service,,终端服务部,2024-01-01,6,,,,`,
      `${nextTag()},万用表,F17B+,Y10,multimeter,special,operations,${wang.user.username},运维部,2024-01-01,6,,,,`,
    ].join("\r\n");
    const result = await custodian.caller.instruments.importCsv({ csv: `\uFEFF${csv}` });
    expect(result.created).toBe(3);
    expect(result.errors).toEqual([
      { line: 4, column: "asset_tag", code: "instruments.validation.assetTag" },
      { line: 4, column: "name", code: "validation.required" },
      { line: 4, column: "category", code: "instruments.csv.unknownValue" },
      { line: 4, column: "intake_date", code: "instruments.validation.date" },
      { line: 4, column: "service_life_years", code: "instruments.csv.badNumber" },
      { line: 5, column: "asset_tag", code: "rules.duplicate_tag" },
      { line: 7, column: "asset_tag", code: "rules.duplicate_tag" },
      { line: 8, column: "keeper_username", code: "instruments.csv.unknownUser" },
      { line: 9, column: "calibrated_on", code: "rules.date_in_future" },
      { line: 10, column: "keeper_username", code: "rules.keeper_required" },
      { line: 11, column: "keeper_username", code: "rules.keeper_required" },
    ]);
    const rows = await t.db
      .select()
      .from(instruments)
      .where(inArray(instruments.assetTag, [good1, good2, dup, badKeeper]));
    expect(rows.map((r) => r.assetTag).sort()).toEqual([good1, good2, dup].sort());
    const g1 = rows.find((r) => r.assetTag === good1)!;
    expect(g1).toMatchObject({
      kind: "otdr",
      keeperId: custodian.user.id,
      calibratedOn: "2025-03-01",
      calibrationDue: "2027-03-01",
      calibrationResult: "passed",
      status: "available",
    });
    expect(await t.db.select().from(instrumentCalibrations).where(eq(instrumentCalibrations.instrumentId, g1.id))).toMatchObject([
      { certificateNo: "JL-1", result: "passed" },
    ]);
    expect(rows.find((r) => r.assetTag === good2)).toMatchObject({
      name: "数字万用表, 手持",
      category: "special",
      calibrationResult: null,
      keeperId: wang.user.id,
    });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.name, "instrument.imported"));
    expect(audit.at(-1)!.payload).toEqual({ created: 3, badRows: 7 });
  });

  it("CSV import: a header without a required column imports nothing; unreadable text is reported", async () => {
    const tag = nextTag();
    const r = await custodian.caller.instruments.importCsv({ csv: `asset_tag,name\n${tag},OTDR\n` });
    expect(r.created).toBe(0);
    expect(r.errors.filter((e) => e.code === "instruments.csv.missingColumn").map((e) => e.column)).toContain("model");
    expect(await t.db.select().from(instruments).where(eq(instruments.assetTag, tag))).toEqual([]);
    const broken = await custodian.caller.instruments.importCsv({ csv: `${HEADER}\n"unclosed,quote\n` });
    expect(broken).toMatchObject({ created: 0, errors: [{ code: "instruments.csv.unreadable" }] });
    await expectAppError(wang.caller.instruments.importCsv({ csv: HEADER }), "forbidden");
  });

  it("CSV export of the register round-trips through import (every row then a duplicate)", async () => {
    const i = await makeInstrument(t.db, { name: '=HYPERLINK("x"), meter' });
    const out = await quality.caller.instruments.exportCsv({ register: "instruments", filters: {}, locale: "en" });
    expect(out.mime).toBe("text/csv;charset=utf-8");
    expect(out.text.startsWith("\uFEFF")).toBe(true);
    const records = parse<Record<string, string>>(out.text.slice(1), { columns: true });
    expect(records.find((r) => r.asset_tag === i.assetTag)).toMatchObject({
      name: `'=HYPERLINK("x"), meter`,
      category: "public",
      calibration_result: "passed",
    });
    const again = await custodian.caller.instruments.importCsv({ csv: out.text });
    expect(again.created).toBe(0);
    expect(again.errors.every((e) => e.code === "rules.duplicate_tag" || e.column === "calibrated_on")).toBe(true);
  });

  it("the scan view tells everything and offers only what this user may do", async () => {
    const i = await makeInstrument(t.db);
    const view = await wang.caller.instruments.get({ assetTag: i.assetTag.toLowerCase() });
    expect(view).toMatchObject({
      instrument: { assetTag: i.assetTag, status: "available" },
      calibrationState: "valid",
      permitValid: true,
      loan: null,
      handover: null,
      faults: [],
      scrapRequest: null,
    });
    expect(view.actions).toEqual(["borrow_short", "report_fault"]); // the only public one of its kind: no long-term loan
    const loanId = newId();
    await wang.send("instrument.borrow", { loanId, instrumentId: i.id, term: "short" });
    const asked = await wang.caller.instruments.get({ id: i.id });
    expect(asked.pendingRequests).toMatchObject([{ id: loanId, borrowerId: wang.user.id, status: "requested", term: "short" }]);
    expect(asked.actions).toEqual(["cancel_request", "report_fault"]);
    const desk = await custodian.caller.instruments.get({ id: i.id });
    expect(desk.actions).toContain("issue");
    await custodian.send("instrument.issue", { loanId, instrumentId: i.id, borrowerUsername: wang.user.username, check: { missing: [] } });
    const mine = await wang.caller.instruments.get({ id: i.id });
    expect(mine.loan).toMatchObject({ id: loanId, borrowerId: wang.user.id, issueMissing: [] });
    expect(mine.actions).toEqual(["return", "hand_over", "report_fault", "record_care"]);
    expect(mine.usage[0]).toMatchObject({ kind: "borrowed" });
    await expectAppError(wang.caller.instruments.get({ assetTag: "IN-999999" }), "not_found");
    expect((await instrumentById(t.db, i.id)).holderId).toBe(wang.user.id);
  });
});
