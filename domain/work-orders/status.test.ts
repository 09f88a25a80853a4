import { describe, expect, test } from "vitest";
import { byUrgency, canCheckEquipment, isOpenWorkOrder, WORK_ORDER_STATUSES } from "./status";

describe("work-order list rules", () => {
  test("open means the lineman still has something to do", () => {
    const open = WORK_ORDER_STATUSES.filter(isOpenWorkOrder);
    expect(open).toEqual(["assigned", "en_route", "on_site", "work_done"]);
  });

  test("earliest day first (overdue leads), key customers first within a day, then by number", () => {
    const list = [
      { code: "WO-3", scheduledFor: "2026-11-26", keyCustomer: false },
      { code: "WO-2", scheduledFor: "2026-11-25", keyCustomer: false },
      { code: "WO-4", scheduledFor: "2026-11-25", keyCustomer: true },
      { code: "WO-1", scheduledFor: "2026-11-24", keyCustomer: false },
      { code: "WO-0", scheduledFor: "2026-11-25", keyCustomer: false },
    ];
    expect([...list].sort(byUrgency).map((w) => w.code)).toEqual(["WO-1", "WO-4", "WO-0", "WO-2", "WO-3"]);
  });
});

describe("canCheckEquipment", () => {
  test("offers new checks only before the self-check", () => {
    const allowed = WORK_ORDER_STATUSES.filter(canCheckEquipment);
    expect(allowed).toEqual(["assigned", "en_route", "on_site"]);
  });
});
