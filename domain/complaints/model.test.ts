import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";
import {
  AWAITING_REPLY,
  COMPLAINT_ACTIONS,
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  ESCALATION_LEVELS,
  FIRST_ASKER_KINDS,
  RECORD_STEPS,
  REPLY_METHODS,
  REQUEST_TYPES,
  SATISFACTION_SCORES,
  STATUS_STEPS,
  awaitsReply,
  canClassify,
  canEscalate,
  canHandle,
  canMaintainKeyCustomers,
  canMaintainPolicy,
  canReadDesk,
  canReview,
  canStep,
  isClosed,
  isDepartment,
  isDeskRole,
  isQuality,
  requestTypeOf,
  statusAfter,
  type TComplaintStatus,
  type TComplaintStep,
  type TRecordStep,
  type TStatusStep,
} from "./model";

/**
 * The workflow of procedure P1 written out here independently of model.ts: every (step, status) pair not listed is
 * refused. A change to STATUS_STEPS or RECORD_STEPS without a change here fails the exhaustive tests below.
 */
const STATUS_MOVES: Record<TStatusStep, [from: TComplaintStatus[], to: TComplaintStatus]> = {
  classify: [["recorded", "classified"], "classified"],
  accept: [["classified"], "accepted"],
  investigate: [["accepted", "investigating"], "investigating"],
  resolve: [["accepted", "investigating", "resolved"], "resolved"],
  reply: [["resolved"], "replied"],
  close: [["replied"], "closed"],
  reopen: [["replied", "closed"], "investigating"],
};
const RECORD_ALLOWED: Record<TRecordStep, TComplaintStatus[]> = {
  letter: ["resolved", "replied"],
  sign: ["resolved", "replied"],
  escalate: ["recorded", "classified", "accepted", "investigating", "resolved", "replied"],
  review: ["recorded", "classified", "accepted", "investigating", "resolved", "replied", "closed"],
  callback: ["replied", "closed"],
};
const STATUS_STEP_NAMES = Object.keys(STATUS_MOVES) as TStatusStep[];
const RECORD_STEP_NAMES = Object.keys(RECORD_ALLOWED) as TRecordStep[];
const ALL_STEPS: TComplaintStep[] = [...STATUS_STEP_NAMES, ...RECORD_STEP_NAMES];

describe("names", () => {
  test("every list is non-empty and has no duplicates", () => {
    for (const list of [
      COMPLAINT_KINDS,
      COMPLAINT_CHANNELS,
      COMPLAINT_STATUSES,
      REQUEST_TYPES,
      REPLY_METHODS,
      COMPLAINT_ACTIONS,
      ESCALATION_LEVELS,
      SATISFACTION_SCORES,
    ] as readonly (readonly (string | number)[])[]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  test("the first asker records complaints and inquiries, never a key customer's service request", () => {
    expect([...FIRST_ASKER_KINDS]).toEqual(["complaint", "inquiry"]);
    for (const k of FIRST_ASKER_KINDS) expect(COMPLAINT_KINDS).toContain(k);
  });

  test("the five channels of the procedure, the 180 centre among them", () => {
    expect([...COMPLAINT_CHANNELS].sort()).toEqual(["centre_180", "counter", "inquiry_desk", "line_189", "on_site"]);
  });

  test("satisfaction is 1 to 5", () => {
    expect([...SATISFACTION_SCORES]).toEqual([1, 2, 3, 4, 5]);
  });

  test("the step tables name exactly the steps written out here, and every step leads to a known status", () => {
    expect(Object.keys(STATUS_STEPS).sort()).toEqual([...STATUS_STEP_NAMES].sort());
    expect(Object.keys(RECORD_STEPS).sort()).toEqual([...RECORD_STEP_NAMES].sort());
    for (const step of STATUS_STEP_NAMES) expect(COMPLAINT_STATUSES).toContain(statusAfter(step));
  });

  test.each(COMPLAINT_STATUSES.map((s) => [s]))("%s: awaits a reply until replied; closed only when closed", (s) => {
    const awaiting = ["recorded", "classified", "accepted", "investigating", "resolved"].includes(s);
    expect(awaitsReply(s)).toBe(awaiting);
    expect(AWAITING_REPLY.includes(s)).toBe(awaiting);
    expect(isClosed(s)).toBe(s === "closed");
  });

  test("isDepartment accepts the six departments and nothing else", () => {
    for (const d of DEPARTMENTS) expect(isDepartment(d)).toBe(true);
    for (const v of ["", "Finance", "quality", "enterprise management", null, undefined, 3, {}, ["finance"]]) expect(isDepartment(v)).toBe(false);
  });
});

describe("the workflow: every step × every status", () => {
  const PAIRS = ALL_STEPS.flatMap((step) => COMPLAINT_STATUSES.map((status) => [step, status] as const));

  test.each(PAIRS)("%s from %s", (step, status) => {
    const allowed = step in STATUS_MOVES ? STATUS_MOVES[step as TStatusStep][0] : RECORD_ALLOWED[step as TRecordStep];
    expect(canStep(step, status)).toBe(allowed.includes(status));
  });

  test.each(STATUS_STEP_NAMES.map((s) => [s]))("%s leads to its status", (step) => {
    expect(statusAfter(step)).toBe(STATUS_MOVES[step][1]);
  });

  test("closed only from replied: nothing that still awaits the customer's answer can be closed", () => {
    expect(COMPLAINT_STATUSES.filter((s) => canStep("close", s))).toEqual(["replied"]);
    for (const s of AWAITING_REPLY) expect(canStep("close", s)).toBe(false);
  });

  test("a closed record is final but for a reopen, a review and a callback; reopening sends it back to investigating", () => {
    expect(ALL_STEPS.filter((step) => canStep(step, "closed")).sort()).toEqual(["callback", "reopen", "review"]);
    expect(statusAfter("reopen")).toBe("investigating");
    expect(canStep("reopen", "replied")).toBe(true);
    for (const s of AWAITING_REPLY) expect(canStep("reopen", s)).toBe(false);
  });

  test("no status step leads to a dead end: from every status it reaches, some status step goes on (or back)", () => {
    for (const step of STATUS_STEP_NAMES) {
      const to = statusAfter(step);
      expect(ALL_STEPS.some((s) => s in STATUS_STEPS && canStep(s, to))).toBe(true);
    }
  });

  test("an escalation is possible until closed; the letter and signature need a result", () => {
    expect(COMPLAINT_STATUSES.filter((s) => !canStep("escalate", s))).toEqual(["closed"]);
    for (const s of ["recorded", "classified", "accepted", "investigating"] as const) {
      expect(canStep("letter", s)).toBe(false);
      expect(canStep("sign", s)).toBe(false);
    }
    expect(canStep("callback", "resolved")).toBe(false);
  });

  test("the happy path recorded → closed goes through every status once", () => {
    const path: TStatusStep[] = ["classify", "accept", "investigate", "resolve", "reply", "close"];
    let status: TComplaintStatus = "recorded";
    const seen: TComplaintStatus[] = [status];
    for (const step of path) {
      expect(canStep(step, status), `${step} from ${status}`).toBe(true);
      status = statusAfter(step);
      seen.push(status);
    }
    expect(seen).toEqual([...COMPLAINT_STATUSES]);
  });

  test("property: any sequence of allowed steps only ever reaches known statuses, and a record is closed only right after replied", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALL_STEPS), { maxLength: 40 }), (steps) => {
        let status: TComplaintStatus = "recorded";
        for (const step of steps) {
          if (!canStep(step, status)) continue;
          if (!(step in STATUS_STEPS)) continue;
          const next = statusAfter(step as TStatusStep);
          if (next === "closed") expect(status).toBe("replied");
          if (next === "replied") expect(status).toBe("resolved");
          status = next;
          expect(COMPLAINT_STATUSES).toContain(status);
        }
      }),
    );
  });
});

describe("requestTypeOf", () => {
  test("a complaint and an inquiry are their own request types, whatever the service type", () => {
    for (const kind of ["complaint", "inquiry"] as const) {
      for (const st of [null, ...REQUEST_TYPES]) expect(requestTypeOf(kind, st)).toBe(kind);
    }
  });

  test.each(["install", "move", "repair", "maintenance"] as const)("a service request of %s is that type", (st) => {
    expect(requestTypeOf("service_request", st)).toBe(st);
  });

  test.each([null, "complaint", "inquiry"] as const)("a service request with service type %s throws", (st) => {
    expect(() => requestTypeOf("service_request", st)).toThrow(/service type/);
  });

  test("every request type is reachable from some kind", () => {
    const reached = new Set(
      COMPLAINT_KINDS.flatMap((k) =>
        REQUEST_TYPES.flatMap((st) => (k !== "service_request" || !["complaint", "inquiry"].includes(st) ? [requestTypeOf(k, st)] : [])),
      ),
    );
    expect([...reached].sort()).toEqual([...REQUEST_TYPES].sort());
  });
});

// ── Who may act ────────────────────────────────────────────────────────────────────────────────
const ACTORS = ROLES.flatMap((role) => DEPARTMENTS.map((department) => ({ role, department })));
const TARGETS: (TDepartment | null)[] = [...DEPARTMENTS, null];
/** Roles that work a record in their own department (written out here, not taken from model.ts). */
const DEPARTMENT_HANDLERS: TRole[] = ["department_head", "instrument_custodian", "operations"];
const DESK: TRole[] = ["customer_service", "admin"];

describe("canHandle: customer service and the responsible department, nobody else", () => {
  test("the named cases of the procedure", () => {
    const c = { department: "terminal_service" as const };
    expect(canHandle({ role: "customer_service", department: "customer_service" }, c)).toBe(true);
    expect(canHandle({ role: "department_head", department: "terminal_service" }, c)).toBe(true);
    expect(canHandle({ role: "lineman", department: "terminal_service" }, c)).toBe(false);
    expect(canHandle({ role: "warehouse_keeper", department: "terminal_service" }, c)).toBe(false);
    expect(canHandle({ role: "department_head", department: "technology_development" }, c)).toBe(false);
    expect(canHandle({ role: "quality", department: "enterprise_management" }, c)).toBe(false);
    // quality oversees even a record classified to its own department; the general manager reviews, never handles
    expect(canHandle({ role: "quality", department: "enterprise_management" }, { department: "enterprise_management" })).toBe(false);
    expect(canHandle({ role: "general_manager", department: "enterprise_management" }, { department: "enterprise_management" })).toBe(false);
    expect(canHandle({ role: "department_head", department: "enterprise_management" }, { department: "enterprise_management" })).toBe(true);
    // not yet classified: customer service only
    expect(canHandle({ role: "department_head", department: "terminal_service" }, { department: null })).toBe(false);
    expect(canHandle({ role: "customer_service", department: "customer_service" }, { department: null })).toBe(true);
  });

  test.each(ACTORS.flatMap((a) => TARGETS.map((d) => [a.role, a.department, d] as const)))("%s of %s on a record of %s", (role, department, target) => {
    const expected = DESK.includes(role) || (target !== null && department === target && DEPARTMENT_HANDLERS.includes(role));
    expect(canHandle({ role, department }, { department: target })).toBe(expected);
  });
});

describe("canClassify, canReadDesk, canMaintainPolicy, canMaintainKeyCustomers, isDeskRole, isQuality: per role", () => {
  const TABLE: Record<TRole, { classify: boolean; read: boolean; policy: boolean; keyCustomers: boolean; desk: boolean; quality: boolean }> = {
    lineman: { classify: false, read: false, policy: false, keyCustomers: false, desk: false, quality: false },
    warehouse_keeper: { classify: false, read: false, policy: false, keyCustomers: false, desk: false, quality: false },
    instrument_custodian: { classify: false, read: false, policy: false, keyCustomers: false, desk: false, quality: false },
    department_head: { classify: false, read: true, policy: false, keyCustomers: false, desk: false, quality: false },
    customer_service: { classify: true, read: true, policy: false, keyCustomers: true, desk: true, quality: false },
    operations: { classify: false, read: false, policy: false, keyCustomers: false, desk: false, quality: false },
    quality: { classify: false, read: true, policy: true, keyCustomers: true, desk: false, quality: true },
    general_manager: { classify: false, read: true, policy: false, keyCustomers: false, desk: false, quality: false },
    admin: { classify: true, read: true, policy: true, keyCustomers: true, desk: true, quality: false },
  };

  test("the table covers every role", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ROLES].sort());
  });

  test.each(ROLES.map((r) => [r]))("%s", (role) => {
    const t = TABLE[role];
    expect(canClassify({ role })).toBe(t.classify);
    expect(canReadDesk({ role })).toBe(t.read);
    expect(canMaintainPolicy({ role })).toBe(t.policy);
    expect(canMaintainKeyCustomers({ role })).toBe(t.keyCustomers);
    expect(isDeskRole({ role })).toBe(t.desk);
    expect(isQuality({ role })).toBe(t.quality);
  });
});

describe("canEscalate", () => {
  test("to the general manager: only quality, whatever the record's department", () => {
    for (const a of ACTORS) for (const d of TARGETS) expect(canEscalate(a, { department: d }, "general_manager")).toBe(a.role === "quality");
  });

  test.each(ACTORS.flatMap((a) => TARGETS.map((d) => [a.role, a.department, d] as const)))(
    "to quality: %s of %s on a record of %s",
    (role, department, target) => {
      const expected = role === "quality" || DESK.includes(role) || (target !== null && department === target && DEPARTMENT_HANDLERS.includes(role));
      expect(canEscalate({ role, department }, { department: target }, "quality")).toBe(expected);
    },
  );

  test("the named cases", () => {
    const c = { department: "terminal_service" as const };
    expect(canEscalate({ role: "customer_service", department: "customer_service" }, c, "quality")).toBe(true);
    expect(canEscalate({ role: "customer_service", department: "customer_service" }, c, "general_manager")).toBe(false);
    expect(canEscalate({ role: "department_head", department: "terminal_service" }, c, "quality")).toBe(true);
    expect(canEscalate({ role: "department_head", department: "terminal_service" }, c, "general_manager")).toBe(false);
    expect(canEscalate({ role: "lineman", department: "terminal_service" }, c, "quality")).toBe(false);
    expect(canEscalate({ role: "general_manager", department: "enterprise_management" }, c, "general_manager")).toBe(false);
    expect(canEscalate({ role: "admin", department: "customer_service" }, c, "general_manager")).toBe(false);
    expect(canEscalate({ role: "quality", department: "enterprise_management" }, c, "general_manager")).toBe(true);
  });
});

describe("canReview per level", () => {
  test.each(ROLES.flatMap((r) => ESCALATION_LEVELS.map((l) => [r, l] as const)))("%s at level %s", (role, level) => {
    expect(canReview({ role }, level)).toBe(level === "quality" ? role === "quality" : role === "general_manager");
  });
});

// ── Closing and replying ───────────────────────────────────────────────────────────────────────
