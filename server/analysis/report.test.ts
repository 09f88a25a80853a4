import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisReports, auditEvents } from "@/db/schema";
import { REPORT_KINDS, type TBlock, type TReportData } from "@/domain/analysis/schemas";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { expectAppError } from "@/tests/helpers/errors";
import { pdfText } from "@/tests/helpers/pdf-text";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { departmentNames } from "@/server/warehouse/registers";
import { seedMetricsRows } from "./metrics.fixtures";
import { reportFileResponse } from "./report-http";
import { renderReportPdf } from "./report-pdf";
import { REPORT_CSV_HEADER, renderReportCsv, renderReportXlsx } from "./report-xlsx";

let t: TestDb;
let quality: TPerson, gm: TPerson, head: TPerson, lineman: TPerson;

beforeAll(async () => {
  t = await createTestDb();
  await t.asOwner((owner) => seedMetricsRows(owner));
  quality = await person(t.db, "quality", "enterprise_management");
  gm = await person(t.db, "general_manager", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  lineman = await person(t.db, "lineman", "terminal_service");
  await quality.caller.targets.set({ year: 2026, department: "terminal_service", indicator: "install_on_time_pct", target: 95, control: 90 });
}, 60_000);
afterAll(async () => t?.close());

const block = <K extends TBlock["type"]>(d: TReportData, id: string, type: K) => {
  const b = d.blocks.find((x) => x.id === id);
  expect(b?.type, id).toBe(type);
  return b as Extract<TBlock, { type: K }>;
};
const fig = (d: TReportData, id: string, key: string) => block(d, id, "figures").figures.find((f) => f.key === key);
const generate = async (kind: (typeof REPORT_KINDS)[number], periodKey: string) => {
  const row = await quality.caller.reports.generate({ kind, periodKey });
  return { row, data: (await gm.caller.reports.get({ id: row.id })).data };
};
const print = async (data: TReportData, revision = 1) =>
  pdfText(await renderReportPdf({ data, revision, departmentNames: await departmentNames(t.db) }, { compress: false }));

describe("reports.generate builds each kind from the period's records", () => {
  it("monthly 2026-11: the weekly blocks for the month, targets statement, Paretos, satisfaction and the 12-month trend", async () => {
    const { row, data } = await generate("monthly", "2026-11");
    expect(row).toMatchObject({ kind: "monthly", periodKey: "2026-11", periodFrom: "2026-11-01", periodTo: "2026-11-30", revision: 1 });
    expect(data.blocks.map((b) => b.id)).toEqual(
      expect.arrayContaining(["work_orders", "work_orders_by_kind", "complaints", "complaints_by_category", "nonconformities", "statement", "nc_by_cause"]),
    );
    expect(data.blocks.map((b) => b.id)).toEqual(expect.arrayContaining(["checks_by_reason", "satisfaction", "install_on_time_trend"]));
    // install: 2 closed, 1 on time → 50 %, against 95 (control 90): missed; nothing a year before
    expect(fig(data, "work_orders", "install_on_time_pct")).toEqual({
      key: "install_on_time_pct",
      value: 50,
      unit: "pct",
      target: 95,
      status: "missed",
      previous: null,
    });
    expect(fig(data, "complaints", "complaints_received")).toMatchObject({ value: 4, previous: 0 });
    expect(fig(data, "complaints", "key_customer_within_limit_pct")).toMatchObject({ value: 50 });
    expect(fig(data, "nonconformities", "nc_raised")).toMatchObject({ value: 3 });
    const complaints = block(data, "complaints_by_category", "pareto");
    expect(complaints.rows.map((r) => [r.key, r.count])).toEqual([
      ["billing", 2],
      ["", 1],
      ["fault_repair", 1],
    ]);
    expect(complaints.total).toBe(4);
    expect(
      block(data, "checks_by_reason", "pareto")
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(["expired", "unknown"]);
    const statement = block(data, "statement", "statement");
    expect(statement.rows).toEqual([
      expect.objectContaining({ department: "terminal_service", indicator: "install_on_time_pct", actual: 50, status: "missed" }),
    ]);
    const trend = block(data, "install_on_time_trend", "series");
    expect(trend.points).toHaveLength(12);
    expect(trend.points[0]!.key).toBe("2025-12");
    expect(trend.points.at(-1)).toEqual({ key: "2026-11", value: 50 });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, row.id));
    expect(audit.map((a) => [a.name, a.actorId, a.payload])).toEqual([
      ["report.generated", quality.id, { kind: "monthly", periodKey: "2026-11", revision: 1, scheduled: false }],
    ]);
  });

  it("weekly 2026-W47: the week's blocks with the week before as previous", async () => {
    const { data } = await generate("weekly", "2026-W47");
    expect(data.period).toMatchObject({ kind: "week", from: "2026-11-16", to: "2026-11-22" });
    expect(data.blocks.map((b) => b.id)).toEqual(["work_orders", "work_orders_by_kind", "complaints", "complaints_by_category", "nonconformities"]);
    expect(fig(data, "work_orders", "wo_created")?.previous).toEqual(expect.any(Number));
  });

  it("the four meeting packs, each with its own blocks, each printed on one A4 page", async () => {
    const expected: Record<string, string[]> = {
      meeting_business: ["business", "satisfaction", "satisfaction_items"],
      meeting_engineering: ["engineering", "checks_by_reason"],
      meeting_operations: ["operations"],
      meeting_coordination: ["coordination", "complaints_by_category", "actions_by_department"],
    };
    for (const [kind, ids] of Object.entries(expected)) {
      const { data } = await generate(kind as (typeof REPORT_KINDS)[number], "2026-11");
      expect(data.blocks.map((b) => b.id)).toEqual(ids);
      const pdf = await print(data);
      expect(pdf.pages, kind).toBe(1);
    }
  });

  it("refuses a period that does not fit the kind, and anyone but quality", async () => {
    await expectAppError(quality.caller.reports.generate({ kind: "weekly", periodKey: "2026-11" }), "bad_input");
    await expectAppError(quality.caller.reports.generate({ kind: "monthly", periodKey: "2026-W47" }), "bad_input");
    await expectAppError(gm.caller.reports.generate({ kind: "monthly", periodKey: "2026-11" }), "forbidden");
    await expectAppError(head.caller.reports.generate({ kind: "monthly", periodKey: "2026-11" }), "forbidden");
  });

  it("a second generation is revision 2; the first stays as it was", async () => {
    const { row } = await generate("monthly", "2026-11");
    expect(row.revision).toBe(2);
    const revisions = await t.db.select({ r: analysisReports.revision }).from(analysisReports).where(eq(analysisReports.periodKey, "2026-11"));
    expect(revisions.filter((r) => r.r === 2)).toHaveLength(1);
  });
});

describe("reports.list and reports.get are for the analysis's readers", () => {
  it("lists newest first a page at a time, with who made each", async () => {
    const first = await head.caller.reports.list({ limit: 3 });
    expect(first.rows).toHaveLength(3);
    expect(first.rows[0]).toMatchObject({ kind: "monthly", revision: 2, generatedByName: quality.displayName });
    const all = [...first.rows];
    for (let cursor = first.nextCursor; cursor;) {
      const page = await head.caller.reports.list({ limit: 3, cursor });
      all.push(...page.rows);
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(7);
    expect(new Set(all.map((r) => r.id)).size).toBe(7);
    const times = all.map((r) => r.generatedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await gm.caller.reports.list({ kind: "weekly" })).rows.map((r) => r.periodKey)).toEqual(["2026-W47"]);
  });

  it("a lineman may neither list nor read; an unknown id is not_found", async () => {
    await expectAppError(lineman.caller.reports.list({}), "forbidden");
    const [any] = (await quality.caller.reports.list({ limit: 1 })).rows;
    await expectAppError(lineman.caller.reports.get({ id: any!.id }), "forbidden");
    await expectAppError(gm.caller.reports.get({ id: "00000000-0000-4000-8000-000000000000" }), "not_found");
  });
});

describe("the report printed: PDF, XLSX and CSV from its stored data", () => {
  let id: string;
  let data: TReportData;
  beforeAll(async () => {
    const [row] = (await quality.caller.reports.list({ kind: "monthly", limit: 1 })).rows;
    id = row!.id;
    data = (await quality.caller.reports.get({ id })).data;
  });

  it("the PDF has the bilingual title, the figures with target and the statement, the Pareto chart's names", async () => {
    const pdf = await print(data, 2);
    expect(pdf.text).toContain("服务质量月报");
    expect(pdf.text).toContain("Monthly service quality report");
    expect(pdf.text).toContain("装机及时率");
    expect(pdf.text).toContain("质量目标月度统计");
    expect(pdf.text).toContain("未达标");
    expect(pdf.text).toContain("计费"); // a complaint category, on the chart and in its table
    // the chart's legend and a bar's name (drawn from the same spec as the screen; its text comes out in pieces)
    expect(pdf.text.replace(/\s+/g, "")).toContain("累计百分比");
  });

  it("the XLSX opens with a cover sheet and a sheet per block, numbers as numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(data, 2)) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["report", ...data.blocks.map((b) => b.id)]);
    const cover = wb.getWorksheet("report")!;
    expect(cover.getRow(4).values).toEqual([undefined, "period", "2026-11"]);
    const wo = wb.getWorksheet("work_orders")!;
    expect(wo.getRow(1).values).toEqual([undefined, "key", "name", "value", "unit", "target", "status", "previous"]);
    const install = wo.getRows(2, wo.rowCount - 1)!.find((r) => r.getCell(1).value === "install_on_time_pct")!;
    expect(install.getCell(3).value).toBe(50);
    expect(install.getCell(5).value).toBe(95);
    expect(install.getCell(6).value).toBe("missed");
  });

  it("the CSV has the header and a row per number", () => {
    const csv = renderReportCsv(data);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(REPORT_CSV_HEADER.join(","));
    expect(lines).toContain("work_orders,install_on_time_pct,装机及时率 Install on time,50,pct,95,missed,");
    expect(lines.some((l) => l.startsWith("complaints_by_category,billing,"))).toBe(true);
  });

  it("GET /api/analysis/reports/<id>/<format>: readers get the file named by kind and period; others 404, no session 401", async () => {
    const get = (who: TPerson | null, format: "pdf" | "xlsx" | "csv") =>
      reportFileResponse(t.db, new Request(`${APP_ORIGIN}/api/analysis/reports/${id}/${format}`, { headers: who ? { cookie: who.cookie } : {} }), id, format);
    const csv = await get(head, "csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="monthly-2026-11-r2.csv"');
    const xlsx = await get(gm, "xlsx");
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const pdf = await get(quality, "pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await get(lineman, "pdf")).status).toBe(404);
    expect((await get(null, "pdf")).status).toBe(401);
  });
});
