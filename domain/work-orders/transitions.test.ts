import { describe, expect, it } from "vitest";
import { canTransition, nextStatuses, WORK_ORDER_STATUSES, WORK_ORDER_TRANSITIONS, type TWorkOrderActor, type TWorkOrderStatus } from "./status";

/**
 * The whole lifecycle written out once more, by hand, as the allowed (from, to, actor) triples: every other
 * combination of the 8 × 8 × 2 must be refused. A change to the table has to change this list too.
 */
const ALLOWED: readonly [TWorkOrderStatus, TWorkOrderStatus, TWorkOrderActor][] = [
  ["assigned", "en_route", "assignee"],
  ["assigned", "on_site", "assignee"],
  ["assigned", "cancelled", "office"],
  ["en_route", "on_site", "assignee"],
  ["en_route", "assigned", "assignee"],
  ["en_route", "cancelled", "office"],
  ["on_site", "cancelled", "office"],
  ["work_done", "on_site", "assignee"],
  ["work_done", "cancelled", "office"],
  ["signed", "closed", "assignee"],
  ["signed", "closed", "office"],
  ["refused_to_sign", "closed", "assignee"],
  ["refused_to_sign", "closed", "office"],
  ["refused_to_sign", "work_done", "assignee"],
];
const ACTORS: TWorkOrderActor[] = ["assignee", "office"];

const combos = WORK_ORDER_STATUSES.flatMap((from) => WORK_ORDER_STATUSES.flatMap((to) => ACTORS.map((actor) => ({ from, to, actor }))));

describe("workOrder.transition: every from × to × actor", () => {
  it("covers 128 combinations", () => expect(combos).toHaveLength(128));

  it.each(combos)("$from → $to by $actor", ({ from, to, actor }) => {
    const allowed = ALLOWED.some(([f, t, a]) => f === from && t === to && a === actor);
    expect(canTransition(from, to, actor)).toBe(allowed);
    expect(nextStatuses(from, actor).includes(to)).toBe(allowed);
  });

  it("no status moves to itself, and closed and cancelled are final", () => {
    for (const s of WORK_ORDER_STATUSES) for (const a of ACTORS) expect(canTransition(s, s, a)).toBe(false);
    expect(WORK_ORDER_TRANSITIONS.closed).toEqual({});
    expect(WORK_ORDER_TRANSITIONS.cancelled).toEqual({});
  });

  it("work done, signed and refused are reached only with their facts (self-check, signature, refusal)", () => {
    for (const from of WORK_ORDER_STATUSES) {
      for (const a of ACTORS) {
        if (from !== "refused_to_sign") expect(canTransition(from, "work_done", a)).toBe(false);
        expect(canTransition(from, "signed", a)).toBe(false);
        expect(canTransition(from, "refused_to_sign", a)).toBe(false);
      }
    }
  });

  it("the office never moves the lineman's field steps, the lineman never cancels", () => {
    for (const from of WORK_ORDER_STATUSES) {
      for (const to of ["en_route", "on_site", "work_done", "assigned"] as const) expect(canTransition(from, to, "office")).toBe(false);
      expect(canTransition(from, "cancelled", "assignee")).toBe(false);
    }
  });
});
