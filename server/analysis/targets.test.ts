import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaints } from "@/db/schema";
import { complaintCode } from "@/domain/complaints/codes";
import { ensurePolicy, form } from "@/server/complaints/desk.fixtures";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

let t: TestDb;
let quality: TPerson, gm: TPerson, opsHead: TPerson, finHead: TPerson, cs: TPerson;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  gm = await person(t.db, "general_manager", "enterprise_management");
  opsHead = await person(t.db, "department_head", "operations");
  finHead = await person(t.db, "department_head", "finance");
  cs = await person(t.db, "customer_service", "customer_service");
});
afterAll(async () => {
  await t?.close();
});

const audits = (name: string, subjectId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.name, name), eq(auditEvents.subjectId, subjectId)));

describe("targets.set and targets.list", () => {
  it("sets a target with the indicator's direction, and a change is the next version, audited each time", async () => {
    const first = await quality.caller.targets.set({
      year: YEAR,
      department: "customer_service",
      indicator: "complaints_per_1000_lines",
      target: 2,
      control: 3,
    });
    expect(first.version).toBe(1);
    const again = await quality.caller.targets.set({
      year: YEAR,
      department: "customer_service",
      indicator: "complaints_per_1000_lines",
      target: 1.5,
      control: 2.5,
    });
    expect(again).toEqual({ id: first.id, version: 2 });
    // a form opened on version 1 (or before there was one) does not replace version 2: a conflict, nothing changed
    const stale = { year: YEAR, department: "customer_service" as const, indicator: "complaints_per_1000_lines" as const, target: 9, control: null };
    await expectAppError(quality.caller.targets.set({ ...stale, basedOn: 1 }), "conflict");
    await expectAppError(quality.caller.targets.set({ ...stale, basedOn: 0 }), "conflict");
    const rows = await gm.caller.targets.list({ year: YEAR });
    const row = rows.find((r) => r.indicator === "complaints_per_1000_lines")!;
    expect(row).toMatchObject({
      department: "customer_service",
      target: 1.5,
      control: 2.5,
      direction: "at_most",
      version: 2,
      unit: "per_1000",
      source: "computed",
    });
    expect(row.setByName).toBe(quality.displayName);
    const events = await audits("target.set", first.id);
    expect(events.map((e) => (e.payload as { version: number }).version).sort()).toEqual([1, 2]);
    expect(await opsHead.caller.targets.list({ year: YEAR - 1 })).toEqual([]);
  });

  it("refuses a percentage over 100 and a control point on the wrong side, naming the field", async () => {
    const pctShape = await expectAppError(
      quality.caller.targets.set({ year: YEAR, department: "terminal_service", indicator: "install_on_time_pct", target: 101, control: null }),
      "bad_input",
    );
    expect(pctShape.data.fieldErrors).toMatchObject({ target: "analysis.validation.pct" });
    const controlShape = await expectAppError(
      quality.caller.targets.set({ year: YEAR, department: "terminal_service", indicator: "install_on_time_pct", target: 95, control: 97 }),
      "bad_input",
    );
    expect(controlShape.data.fieldErrors).toMatchObject({ control: "analysis.validation.control" });
    const yearShape = await expectAppError(
      quality.caller.targets.set({ year: 1999, department: "terminal_service", indicator: "install_on_time_pct", target: 95, control: null }),
      "bad_input",
    );
    expect(yearShape.data.fieldErrors).toMatchObject({ year: "analysis.validation.year" });
  });

  it("is quality's to set; readers are quality, the general manager and heads", async () => {
    const args = { year: YEAR, department: "operations" as const, indicator: "lines_in_service" as const, target: 10000, control: null };
    for (const who of [gm, opsHead, cs]) await expectAppError(who.caller.targets.set(args), "forbidden");
    await expectAppError(cs.caller.targets.list({ year: YEAR }), "forbidden");
    await expectAppError(cs.caller.targets.statement({ year: YEAR, month: 11 }), "forbidden");
  });
});

describe("targets.enterFigure and targets.figures", () => {
  it("takes a head's own department's figure and quality's for any; a correction is the next version with who and when", async () => {
    const a = await opsHead.caller.targets.enterFigure({
      year: YEAR,
      month: 11,
      department: "operations",
      indicator: "lines_in_service",
      value: 1000,
      basedOn: 0,
    });
    expect(a.version).toBe(1);
    // a second form opened before the first save (basedOn 0) is a conflict, not an overwrite
    await expectAppError(
      quality.caller.targets.enterFigure({ year: YEAR, month: 11, department: "operations", indicator: "lines_in_service", value: 7, basedOn: 0 }),
      "conflict",
    );
    const b = await quality.caller.targets.enterFigure({
      year: YEAR,
      month: 11,
      department: "operations",
      indicator: "lines_in_service",
      value: 2000,
      note: "更正",
    });
    expect(b).toEqual({ id: a.id, version: 2 });
    await finHead.caller.targets.enterFigure({ year: YEAR, month: 11, department: "finance", indicator: "revenue_10k_yuan", value: 123.4 });
    const figures = await gm.caller.targets.figures({ year: YEAR, month: 11 });
    expect(figures.map((f) => [f.department, f.indicator, f.value, f.version])).toEqual([
      ["finance", "revenue_10k_yuan", 123.4, 1],
      ["operations", "lines_in_service", 2000, 2],
    ]);
    expect(figures[1]!.enteredByName).toBe(quality.displayName);
    expect(figures[1]!.note).toBe("更正");
    expect(await gm.caller.targets.figures({ year: YEAR, month: 10 })).toEqual([]);
    expect((await audits("targetFigure.entered", a.id)).length).toBe(2);
  });

  it("refuses another department's head, an indicator the app computes, and a bad month", async () => {
    await expectAppError(
      finHead.caller.targets.enterFigure({ year: YEAR, month: 11, department: "operations", indicator: "lines_in_service", value: 5 }),
      "forbidden",
    );
    await expectAppError(
      gm.caller.targets.enterFigure({ year: YEAR, month: 11, department: "operations", indicator: "lines_in_service", value: 5 }),
      "forbidden",
    );
    // lines in service are operations' alone: no department sets the denominator of its own complaints per 1,000 lines
    await expectAppError(
      finHead.caller.targets.enterFigure({ year: YEAR, month: 11, department: "finance", indicator: "lines_in_service", value: 5 }),
      "forbidden",
    );
    await expectAppError(
      quality.caller.targets.enterFigure({ year: YEAR, month: 11, department: "customer_service", indicator: "lines_in_service", value: 5 }),
      "forbidden",
    );
    const rule = await expectAppError(
      quality.caller.targets.enterFigure({ year: YEAR, month: 11, department: "terminal_service", indicator: "install_on_time_pct", value: 90 }),
      "rule_violation",
    );
    expect(rule.data.details).toMatchObject({ rule: "indicator_computed" });
    const month = await expectAppError(
      quality.caller.targets.enterFigure({ year: YEAR, month: 13, department: "operations", indicator: "lines_in_service", value: 5 }),
      "bad_input",
    );
    expect(month.data.fieldErrors).toMatchObject({ month: "analysis.validation.month" });
  });
});

describe("targets.statement", () => {
  it("gives each target its month's actual: entered figures with who and when, complaints per 1,000 lines from the records", async () => {
    await ensurePolicy(t.db);
    // three complaints received in November 2026 (Shanghai), one in December
    const received = ["2026-11-01T01:00:00Z", "2026-11-15T01:00:00Z", "2026-11-30T15:00:00Z", "2026-11-30T17:00:00Z"];
    await t.db
      .insert(complaints)
      .values(
        received.map((at, i) => form(complaintCode("2026-11-01", 900 + i), cs.id, { receivedAt: new Date(at), dueAt: new Date("2026-12-20T00:00:00Z") })),
      );
    await quality.caller.targets.set({ year: YEAR, department: "operations", indicator: "lines_in_service", target: 1500, control: null });
    await quality.caller.targets.set({ year: YEAR, department: "finance", indicator: "revenue_10k_yuan", target: 200, control: 100 });
    const rows = await gm.caller.targets.statement({ year: YEAR, month: 11 });
    const row = (d: string, i: string) => rows.find((r) => r.department === d && r.indicator === i)!;
    expect(row("operations", "lines_in_service")).toMatchObject({ actual: 2000, status: "met", source: "entered", enteredBy: quality.displayName });
    expect(row("finance", "revenue_10k_yuan")).toMatchObject({ actual: 123.4, status: "watch", source: "entered", enteredBy: finHead.displayName });
    // 3 complaints / 2,000 lines × 1,000 = 1.5 ≤ the target 1.5
    expect(row("customer_service", "complaints_per_1000_lines")).toMatchObject({ actual: 1.5, status: "met", source: "computed", enteredBy: null });
    const october = await gm.caller.targets.statement({ year: YEAR, month: 10 });
    expect(october.find((r) => r.indicator === "revenue_10k_yuan")).toMatchObject({ actual: null, status: "no_data" });
    expect(october.find((r) => r.indicator === "complaints_per_1000_lines")).toMatchObject({ actual: null, status: "no_data" });
    expect(await gm.caller.targets.statement({ year: 2030, month: 1 })).toEqual([]);
  });
});
