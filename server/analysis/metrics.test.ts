import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { seedMetricsRows } from "./metrics.fixtures";
import { closedByMonth, periodMetrics } from "./metrics";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await t.asOwner((owner) => seedMetricsRows(owner));
});
afterAll(async () => t?.close());

describe("periodMetrics over the operator month 2026-11", () => {
  it("counts work orders by kind: created, closed, closed on time, open past due at the end", async () => {
    const m = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(m.from).toBe("2026-11-01");
    expect(m.to).toBe("2026-11-30");
    expect(m.workOrders.byKind).toEqual({
      install: { created: 2, closed: 2, closedOnTime: 1, openOverdue: 1 },
      repair: { created: 2, closed: 1, closedOnTime: 1, openOverdue: 0 },
      move: { created: 0, closed: 0, closedOnTime: 0, openOverdue: 1 },
      terminal_maintenance: { created: 0, closed: 0, closedOnTime: 0, openOverdue: 0 },
    });
  });

  it("counts complaints received by category and kind, key customers answered in time, callbacks satisfied", async () => {
    const m = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(m.complaints.received).toBe(4);
    expect(m.complaints.byCategory).toEqual([
      { key: "billing", label: { "zh-CN": "计费", en: "Billing" }, count: 2 },
      { key: "fault_repair", label: { "zh-CN": "故障修复", en: "Fault repair" }, count: 1 },
      { key: "", label: null, count: 1 },
    ]);
    expect(m.complaints.byKind).toEqual({ complaint: 4, inquiry: 1, service_request: 1 });
    expect(m.complaints.keyCustomer).toEqual({ answered: 2, withinLimit: 1 });
    expect(m.complaints.callbacks).toEqual({ made: 3, satisfied: 2 });
  });

  it("counts nonconformities by finding, department and cause, and corrective actions open and overdue at the end", async () => {
    const m = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(m.nonconformities).toEqual({
      raised: 3,
      byFinding: { wrong_label: 2, billing_error: 1 },
      byDepartment: { terminal_service: 1, customer_service: 1, switching_transmission: 1 },
      byCause: { man: 1, method: 1, "": 1 },
      actionsOpen: 4,
      actionsOverdue: 2,
    });
  });

  it("counts equipment checks (withdrawn ones left out), label marks and billing checks", async () => {
    const m = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(m.equipmentChecks).toEqual({ total: 3, failed: 2, byReason: { expired: 1, unknown: 1 } });
    expect(m.labelChecks).toEqual({ marks: 3, correct: 2 });
    expect(m.billing).toEqual({ callsPlaced: 1000, billedCorrectly: 998 });
  });

  it("counts property cases open and letters overdue at the end, instruments overdue for calibration and on loan", async () => {
    const m = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(m.property).toEqual({ casesOpen: 2, rectificationOverdue: 1 });
    expect(m.instruments).toEqual({ calibrationOverdue: 2, onLoan: 2 });
  });

  it("reads operator days: the first instant of 11-01 in Shanghai is in, the last second of 10-31 is out", async () => {
    const oct = await periodMetrics(t.db, "2026-10-31", "2026-10-31");
    expect(oct.workOrders.byKind.install.created).toBe(1);
    expect(oct.complaints.received).toBe(1);
    const day1 = await periodMetrics(t.db, "2026-11-01", "2026-11-01");
    expect(day1.workOrders.byKind.install.created).toBe(1);
  });

  it("spans months for billing and is empty where nothing happened", async () => {
    const both = await periodMetrics(t.db, "2026-10-15", "2026-11-14");
    expect(both.billing).toEqual({ callsPlaced: 1500, billedCorrectly: 1498 });
    const empty = await periodMetrics(t.db, "2020-01-01", "2020-01-31");
    expect(empty.complaints).toEqual({
      received: 0,
      byCategory: [],
      byKind: { complaint: 0, inquiry: 0, service_request: 0 },
      keyCustomer: { answered: 0, withinLimit: 0 },
      callbacks: { made: 0, satisfied: 0 },
    });
    expect(empty.nonconformities.raised).toBe(0);
    expect(empty.instruments).toEqual({ calibrationOverdue: 0, onLoan: 0 });
  });

  it("counts closings per month in one statement, as periodMetrics counts each month", async () => {
    const months = await closedByMonth(t.db, "install", "2026-09-15", 3);
    expect(months).toEqual([
      { key: "2026-09", closed: 0, closedOnTime: 0 },
      { key: "2026-10", closed: 0, closedOnTime: 0 },
      { key: "2026-11", closed: 2, closedOnTime: 1 },
    ]);
    const nov = await periodMetrics(t.db, "2026-11-01", "2026-11-30");
    expect(months[2]).toEqual({ key: "2026-11", closed: nov.workOrders.byKind.install.closed, closedOnTime: nov.workOrders.byKind.install.closedOnTime });
    expect((await closedByMonth(t.db, "move", "2026-12-01", 1))[0]).toEqual({ key: "2026-12", closed: 1, closedOnTime: 0 });
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(periodMetrics(t.db, "2026-11-30", "2026-11-01")).rejects.toThrow(RangeError);
  });
});
