import { describe, expect, it } from "vitest";
import { FINISHED_WORK_ORDER_STATUSES, isOverdue, operatorDay } from "@/domain/work-orders/desk";
import { isOpenWorkOrder, WORK_ORDER_STATUSES, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { groupWorkOrderList, isSummaryOverdue, needsLineman } from "./list";
import type { WorkOrderSummary } from "./read-model";
import type { CachedWorkOrder } from "@/client/work-orders/stores";

// 12:00 in Shanghai on 2026-11-26
const NOW = new Date("2026-11-26T04:00:00.000Z");
const TODAY = operatorDay(NOW);

let n = 0;
function summary(o: {
  status: TWorkOrderStatus;
  scheduledFor: string;
  keyCustomer?: boolean;
  dueAt?: string | null;
  pending?: number;
  code?: string;
}): WorkOrderSummary {
  const code = o.code ?? `WO-2026-${String(++n).padStart(6, "0")}`;
  const workOrder: CachedWorkOrder = {
    id: code,
    code,
    kind: "install",
    customerName: "客户",
    address: "地址",
    contact: "",
    service: "",
    keyCustomer: o.keyCustomer ?? false,
    dueAt: o.dueAt ?? null,
    scheduledFor: o.scheduledFor,
    // the synced status may lag behind the predicted one
    status: "assigned",
    version: 1,
    notes: "",
  };
  return { workOrder, status: o.status, version: 1, pending: o.pending ?? 0 };
}
const codes = (list: WorkOrderSummary[]) => list.map((w) => w.workOrder.code);

describe("needsLineman", () => {
  it("every status but closed and cancelled: open ones, and signed or refused ones to close", () => {
    const needs = WORK_ORDER_STATUSES.filter((status) => needsLineman({ status }));
    expect(needs).toEqual(["assigned", "en_route", "on_site", "work_done", "signed", "refused_to_sign"]);
    expect(needs).toEqual(WORK_ORDER_STATUSES.filter((s) => isOpenWorkOrder(s) || s === "signed" || s === "refused_to_sign"));
    expect(WORK_ORDER_STATUSES.filter((status) => !needsLineman({ status }))).toEqual([...FINISHED_WORK_ORDER_STATUSES]);
  });
});

describe("groupWorkOrderList", () => {
  it("today (overdue leading, key customers first within a day), later days, and what was finished today or waits to be sent", () => {
    const all = [
      summary({ code: "WO-2026-000010", status: "assigned", scheduledFor: "2026-11-27" }),
      summary({ code: "WO-2026-000011", status: "on_site", scheduledFor: TODAY }),
      summary({ code: "WO-2026-000012", status: "signed", scheduledFor: "2026-11-25" }),
      summary({ code: "WO-2026-000013", status: "assigned", scheduledFor: TODAY, keyCustomer: true }),
      summary({ code: "WO-2026-000014", status: "closed", scheduledFor: TODAY }),
      summary({ code: "WO-2026-000015", status: "closed", scheduledFor: "2026-11-20" }),
      summary({ code: "WO-2026-000016", status: "closed", scheduledFor: "2026-11-20", pending: 1 }),
      summary({ code: "WO-2026-000017", status: "cancelled", scheduledFor: "2026-11-28" }),
      summary({ code: "WO-2026-000018", status: "refused_to_sign", scheduledFor: "2026-11-29" }),
    ];
    const g = groupWorkOrderList(all, TODAY);
    expect(codes(g.today)).toEqual(["WO-2026-000012", "WO-2026-000013", "WO-2026-000011"]);
    expect(codes(g.later)).toEqual(["WO-2026-000010", "WO-2026-000018"]);
    // the latest first; closed on an earlier day shows only while it waits to be sent, cancelled for a later day not at all
    expect(codes(g.finished)).toEqual(["WO-2026-000014", "WO-2026-000016"]);
  });

  it("groups by the predicted status, and leaves its input alone", () => {
    const queuedClose = summary({ code: "WO-2026-000020", status: "closed", scheduledFor: TODAY, pending: 1 });
    const all = [queuedClose];
    const g = groupWorkOrderList(all, TODAY);
    expect(codes(g.finished)).toEqual(["WO-2026-000020"]);
    expect(g.today).toEqual([]);
    expect(all).toEqual([queuedClose]);
  });
});

describe("isSummaryOverdue", () => {
  it("the scheduled day is over while the lineman's part is not done", () => {
    expect(isSummaryOverdue(summary({ status: "on_site", scheduledFor: "2026-11-25" }), NOW)).toBe(true);
    expect(isSummaryOverdue(summary({ status: "on_site", scheduledFor: TODAY }), NOW)).toBe(false);
    expect(isSummaryOverdue(summary({ status: "signed", scheduledFor: "2026-11-25" }), NOW)).toBe(false);
  });

  it("a key customer past its deadline today is overdue on the phone as on the desk", () => {
    const s = summary({ status: "en_route", scheduledFor: TODAY, keyCustomer: true, dueAt: "2026-11-26T03:00:00.000Z" });
    expect(isSummaryOverdue(s, NOW)).toBe(true);
    expect(isOverdue({ ...s.workOrder, status: s.status, dueAt: new Date(s.workOrder.dueAt!) }, NOW)).toBe(true);
    // still in time
    expect(isSummaryOverdue(summary({ status: "en_route", scheduledFor: TODAY, keyCustomer: true, dueAt: "2026-11-26T05:00:00.000Z" }), NOW)).toBe(false);
    // the lineman's part is done (predicted): no longer overdue
    expect(isSummaryOverdue(summary({ status: "signed", scheduledFor: TODAY, keyCustomer: true, dueAt: "2026-11-26T03:00:00.000Z" }), NOW)).toBe(false);
  });
});
