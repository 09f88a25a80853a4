import { describe, expect, test } from "vitest";
import {
  byUrgency,
  canCheckEquipment,
  canStartSelfCheck,
  canTransition,
  closesAtTakeBack,
  isOpenWorkOrder,
  linemanStepTargets,
  nextStatuses,
  WORK_ORDER_STATUSES,
} from "./status";

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

describe("linemanStepTargets", () => {
  test("the assignee's transitions, without en route → assigned", () => {
    expect(linemanStepTargets("assigned")).toEqual(["en_route", "on_site"]);
    expect(linemanStepTargets("en_route")).toEqual(["on_site"]);
    expect(linemanStepTargets("on_site")).toEqual([]);
    expect(linemanStepTargets("work_done")).toEqual(["on_site"]);
    expect(linemanStepTargets("signed")).toEqual(["closed"]);
    expect(linemanStepTargets("refused_to_sign")).toEqual(["closed", "work_done"]);
    expect(linemanStepTargets("closed")).toEqual([]);
    expect(linemanStepTargets("cancelled")).toEqual([]);
  });

  test("only ever offers transitions the assignee may make, and drops nothing else", () => {
    for (const from of WORK_ORDER_STATUSES) {
      const offered = linemanStepTargets(from);
      for (const to of offered) expect(canTransition(from, to, "assignee")).toBe(true);
      const dropped = nextStatuses(from, "assignee").filter((to) => !offered.includes(to));
      expect(dropped).toEqual(from === "en_route" ? ["assigned"] : []);
    }
  });
});

describe("canStartSelfCheck", () => {
  test("on site, or before arriving (the phone queues the arrival first); not once the work is done", () => {
    expect(WORK_ORDER_STATUSES.filter(canStartSelfCheck)).toEqual(["assigned", "en_route", "on_site"]);
  });

  test("each is on site or may arrive there as the assignee", () => {
    for (const s of WORK_ORDER_STATUSES.filter(canStartSelfCheck)) expect(s === "on_site" || canTransition(s, "on_site", "assignee")).toBe(true);
  });
});

describe("closesAtTakeBack", () => {
  test("offers closing with the take-back once the customer has signed; after a refusal or before, never", () => {
    expect(closesAtTakeBack("signed")).toBe(true);
    for (const s of ["assigned", "en_route", "on_site", "work_done", "refused_to_sign", "closed", "cancelled"] as const)
      expect(closesAtTakeBack(s)).toBe(false);
  });
});
