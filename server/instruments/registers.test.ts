import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentCalibrations } from "@/db/schema";
import { nextCalibrationDue } from "@/domain/instruments/calibration";
import { handoverLoanId } from "@/domain/instruments/handover";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { lend, makeInstrument, newId, phoneFor, pullUntilNow, SIGNATURE, takeBack, type Phone } from "@/tests/helpers/instruments";

describe("registers, exports and pull feeds", () => {
  let t: TestDb;
  let custodian: Phone;
  let wang: Phone;
  let zhao: Phone;
  let quality: Phone;
  let keeper: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
    zhao = await phoneFor(t.db, "lineman", "terminal_service");
    quality = await phoneFor(t.db, "quality", "enterprise_management");
    keeper = await phoneFor(t.db, "warehouse_keeper", "finance");
  });
  afterAll(async () => t?.close());

  it("intake register: by intake day, filtered, with the end of service life", async () => {
    const a = await makeInstrument(t.db, { intakeDate: "2019-05-31", serviceLifeYears: 5, department: "operations", category: "special" });
    const b = await makeInstrument(t.db, { intakeDate: "2019-06-01", serviceLifeYears: 5 });
    const rows = await quality.caller.instruments.intakeRegister({ from: "2019-05-01", to: "2019-06-30" });
    expect(rows.filter((r) => r.id === a.id || r.id === b.id).map((r) => [r.assetTag, r.endOfLifeOn])).toEqual([
      [a.assetTag, "2024-05-31"],
      [b.assetTag, "2024-06-01"],
    ]);
    const ops = await quality.caller.instruments.intakeRegister({ department: "operations", from: "2019-05-01", to: "2019-06-30" });
    expect(ops.map((r) => r.id)).toEqual([a.id]);
    await expectAppError(wang.caller.instruments.intakeRegister({}), "forbidden");
  });

  it("usage register: every step of the usage file, filtered by instrument, person and kind", async () => {
    const i = await makeInstrument(t.db);
    const { loanId } = await lend(custodian, wang, i.id);
    await wang.send("instrument.recordCare", { entryId: newId(), instrumentId: i.id, care: ["power_on"], note: "weekly" });
    await wang.send("instrument.return", { loanId, instrumentId: i.id, condition: "good" });
    await takeBack(custodian, loanId, i.id);
    const all = await quality.caller.instruments.usageRegister({ instrumentId: i.id });
    expect(all.map((r) => r.kind).sort()).toEqual(["borrowed", "care", "loan_requested", "return_requested", "returned"]);
    expect(all.find((r) => r.kind === "returned")).toMatchObject({ condition: "good", assetTag: i.assetTag });
    const care = await quality.caller.instruments.usageRegister({ instrumentId: i.id, kinds: ["care"] });
    expect(care).toMatchObject([{ kind: "care", note: "weekly", details: { care: ["power_on"] } }]);
    expect(await quality.caller.instruments.usageRegister({ instrumentId: i.id, userId: zhao.user.id })).toEqual([]);
  });

  it("annual calibration status register: due in the year, calibrations made, owed, state at year end", async () => {
    const i = await makeInstrument(t.db, {
      intakeDate: "2020-01-01",
      calibratedOn: "2024-04-01",
      calibrationDue: nextCalibrationDue("2024-04-01"),
      calibrationResult: "passed",
    });
    await t.db.insert(instrumentCalibrations).values([
      { instrumentId: i.id, certificateNo: "A", lab: "站", calibratedOn: "2022-04-10", result: "passed", nextDue: "2024-04-10" },
      { instrumentId: i.id, certificateNo: "B", lab: "站", calibratedOn: "2024-04-01", result: "passed", nextDue: "2026-04-01" },
    ]);
    const y2024 = (await custodian.caller.instruments.calibrationRegister({ year: 2024 })).find((r) => r.id === i.id);
    expect(y2024).toMatchObject({
      dueInYear: "2024-04-10",
      owed: false,
      state: "valid",
      asOf: "2024-12-31",
      calibrations: [{ certificateNo: "B", result: "passed" }],
    });
    const y2023 = (await custodian.caller.instruments.calibrationRegister({ year: 2023 })).find((r) => r.id === i.id);
    expect(y2023).toMatchObject({ dueInYear: null, owed: false, calibrations: [] });
    const y2019 = (await custodian.caller.instruments.calibrationRegister({ year: 2019 })).find((r) => r.id === i.id);
    expect(y2019).toBeUndefined(); // registered in 2020
  });

  it("exports: CSV in the reader's language with a BOM, PDF", async () => {
    const i = await makeInstrument(t.db, { intakeDate: "2018-03-03" });
    const zh = await quality.caller.instruments.exportCsv({ register: "intake", filters: { from: "2018-03-03", to: "2018-03-03" }, locale: "zh-CN" });
    expect(zh.filename).toMatch(/^instrument-intake-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = zh.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("入库日期,资产标签,名称,型号,出厂编号,性质,使用部门,保管人,存放地点,使用年限（年）,到期日,状态");
    expect(lines.find((l) => l.includes(i.assetTag))).toContain("技术发展部");
    const en = await quality.caller.instruments.exportCsv({ register: "calibration", filters: { year: 2025 }, locale: "en" });
    expect(en.text.split("\r\n")[0]).toContain("Asset tag");
    const pdf = await quality.caller.instruments.exportPdf({ register: "usage", filters: {}, locale: "zh-CN" });
    expect(pdf.mime).toBe("application/pdf");
    expect(Buffer.from(pdf.base64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    await expectAppError(keeper.caller.instruments.exportPdf({ register: "usage", filters: {}, locale: "en" }), "forbidden");
  });

  it("pull feeds: the whole register to every borrower; own loans and hand-overs only (the custodian: all of them)", async () => {
    const i = await makeInstrument(t.db);
    const { loanId } = await lend(custodian, wang, i.id);
    const handoverId = newId();
    await wang.send("instrument.handOver", { handoverId, instrumentId: i.id, loanId, toUsername: zhao.user.username, condition: "good", signature: SIGNATURE });

    const z = await pullUntilNow(zhao, t.db);
    const row = z.instruments.find((r) => r.id === i.id);
    expect(row).toMatchObject({
      assetTag: i.assetTag,
      status: "on_loan",
      holderId: wang.user.id,
      holderName: "Test lineman",
      loanId,
      loanTerm: "short",
      faultOpen: false,
      calibrationResult: "passed",
    });
    expect(z.instrumentLoans.find((l) => l.id === loanId)).toBeUndefined();
    expect(z.instrumentHandovers.find((h) => h.id === handoverId)).toMatchObject({
      fromUserId: wang.user.id,
      toUserId: zhao.user.id,
      status: "offered",
      conditionOut: "good",
    });

    await zhao.send("instrument.acceptHandOver", { handoverId, condition: "good", signature: SIGNATURE });
    // the custodian's phone has every loan and hand-over (the desk's lists), with the borrower's name and username
    const c = await pullUntilNow(custodian, t.db);
    expect(c.instrumentLoans.find((l) => l.id === loanId)).toMatchObject({ borrowerId: wang.user.id, borrowerUsername: wang.user.username, status: "active" });
    expect(c.instrumentHandovers.find((h) => h.id === handoverId)).toMatchObject({ status: "accepted" });
    expect(c.instrumentSettings).toMatchObject([{ department: "technology_development", longLoanMonths: null }]);
    await custodian.send("instrument.confirmHandOver", { handoverId, decision: "confirm" });
    const after = await pullUntilNow(zhao, t.db, z.cursor);
    expect(after.instruments.find((r) => r.id === i.id)).toMatchObject({ holderId: zhao.user.id, loanId: handoverLoanId(handoverId) });
    expect(after.instrumentLoans.find((l) => l.id === handoverLoanId(handoverId))).toMatchObject({ status: "active", borrowerId: zhao.user.id });

    const w = await pullUntilNow(wang, t.db);
    expect(w.instrumentLoans.find((l) => l.id === loanId)).toMatchObject({ status: "handed_over" });
    const k = await pullUntilNow(keeper, t.db);
    expect(k.instruments).toEqual([]);
    expect(k.instrumentSettings).toEqual([]);
  });
});
