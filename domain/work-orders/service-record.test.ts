import { describe, expect, it } from "vitest";
import { checklistProblem, MANUAL_CHECKLIST, MANUAL_CHECKLIST_ITEMS, signedChecklist, storedChecklist } from "./checklist";
import { handOverMissing } from "./missing";
import { selfCheckDecision } from "./preconditions";
import { clerkCheckDecision, needsServiceRecord, partsLine, SELF_CHECK_VERSION, serviceRecordDecision, selfCheckNeedsRecord } from "./service-record";
import { ZClerkCheck, ZServiceRecordArgs } from "./service-record-schema";
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from "./status";

const id = "0190a0b0-0000-7000-8000-000000000001";
const record = { workOrderId: id, requested: "打印机不出纸", done: "更换搓纸轮，测试正常", parts: [{ name: "搓纸轮", quantity: 1 }], completion: "completed" };

describe("the service record (服务记录表)", () => {
  it("only terminal maintenance keeps one", () => {
    for (const kind of WORK_ORDER_KINDS) expect(needsServiceRecord(kind)).toBe(kind === "terminal_maintenance");
  });

  it("parses a whole record; requested, done and completion are required; parts default to none", () => {
    expect(ZServiceRecordArgs.parse(record)).toEqual(record);
    expect(ZServiceRecordArgs.parse({ ...record, parts: undefined }).parts).toEqual([]);
    const r = ZServiceRecordArgs.safeParse({ workOrderId: id, requested: " ", done: "", completion: "maybe" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(["requested:validation.required", "done:validation.required", "completion:validation.required"]));
  });

  it("parts need a name and a whole quantity 1–999; at most 20", () => {
    const bad = ZServiceRecordArgs.safeParse({
      ...record,
      parts: [
        { name: "", quantity: 0 },
        { name: "x", quantity: 1.5 },
        { name: "y", quantity: 1000 },
      ],
    });
    expect(bad.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual([
      "parts.0.name:validation.required",
      "parts.0.quantity:serviceRecord.validation.quantity",
      "parts.1.quantity:serviceRecord.validation.quantity",
      "parts.2.quantity:serviceRecord.validation.quantity",
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `p${i}`, quantity: 1 }));
    expect(ZServiceRecordArgs.safeParse({ ...record, parts: many }).success).toBe(false);
    expect(ZServiceRecordArgs.safeParse({ ...record, parts: many.slice(0, 20) }).success).toBe(true);
  });

  it("is written until the customer's turn is over, on a terminal-maintenance order only", () => {
    for (const status of WORK_ORDER_STATUSES) {
      const d = serviceRecordDecision({ kind: "terminal_maintenance", status });
      const open = ["assigned", "en_route", "on_site", "work_done"].includes(status);
      expect(d.kind).toBe(open ? "apply" : "reject");
      if (!open && d.kind === "reject") expect(d.code).toBe("invalid_transition");
    }
    expect(serviceRecordDecision({ kind: "repair", status: "on_site" })).toEqual({
      kind: "reject",
      code: "precondition_failed",
      details: { kind: "repair", need: "terminal_maintenance" },
    });
  });

  it("prints its parts on one line", () => {
    expect(
      partsLine([
        { name: "搓纸轮", quantity: 1 },
        { name: "Toner", quantity: 2 },
      ]),
    ).toBe("搓纸轮 × 1; Toner × 2");
    expect(partsLine([])).toBe("");
  });
});

describe("the self-check without the service-record tick", () => {
  const base = { status: "on_site" as const, kind: "terminal_maintenance" as const, checks: [], linkedCase: null };
  const v2 = { terminal_tested: true, site_tidy: true };
  const v1 = { terminal_tested: true, service_record_filled: true, site_tidy: true };

  it("today's checklist has no tick for the record; the catalogue still knows the old item", () => {
    expect(MANUAL_CHECKLIST.terminal_maintenance).toEqual(["terminal_tested", "site_tidy"]);
    expect(MANUAL_CHECKLIST_ITEMS).toContain("service_record_filled");
    expect(SELF_CHECK_VERSION).toBe(2);
  });

  it("v2 of a terminal-maintenance order needs the record on file, and refuses the old tick as unknown", () => {
    expect(selfCheckNeedsRecord("terminal_maintenance", 2)).toBe(true);
    expect(selfCheckNeedsRecord("terminal_maintenance", 1)).toBe(false);
    expect(selfCheckNeedsRecord("repair", 2)).toBe(false);
    expect(selfCheckDecision({ ...base, ticked: v2 })).toEqual({ kind: "reject", code: "service_record_required", details: {} });
    expect(selfCheckDecision({ ...base, ticked: v2, hasServiceRecord: true })).toEqual({ kind: "apply" });
    expect(selfCheckDecision({ ...base, ticked: v1, hasServiceRecord: true }).kind).toBe("reject");
    expect(checklistProblem("terminal_maintenance", v1)).toEqual({ missing: [], unknown: ["service_record_filled"] });
  });

  it("v1 queued by an older build stays valid with its tick, without a record", () => {
    expect(selfCheckDecision({ ...base, ticked: v1, schemaVersion: 1 })).toEqual({ kind: "apply" });
    expect(selfCheckDecision({ ...base, ticked: v2, schemaVersion: 1 }).kind).toBe("reject");
    expect(storedChecklist("terminal_maintenance", v1, [], null, 1)).toMatchObject(v1);
    expect(storedChecklist("terminal_maintenance", v1, [], null)).not.toHaveProperty("service_record_filled");
  });

  it("a record signed with the old tick prints it; today's print no such line", () => {
    expect(signedChecklist("terminal_maintenance", { ...v1, equipment_resolved: true }, []).map((i) => i.id)).toEqual([
      "terminal_tested",
      "service_record_filled",
      "site_tidy",
      "equipment_resolved",
    ]);
    expect(signedChecklist("terminal_maintenance", { ...v2, equipment_resolved: true }, []).map((i) => i.id)).toEqual([
      "terminal_tested",
      "site_tidy",
      "equipment_resolved",
    ]);
  });

  it("the hand-over names the missing record first, only for terminal maintenance", () => {
    const missing = handOverMissing({ kind: "terminal_maintenance", ticked: v2, checks: [], linkedCase: null, signed: false });
    expect(missing).toEqual([{ what: "serviceRecord" }, { what: "signature" }]);
    expect(handOverMissing({ kind: "terminal_maintenance", ticked: v2, checks: [], linkedCase: null, signed: true, serviceRecord: true })).toEqual([]);
    expect(
      handOverMissing({ kind: "repair", ticked: { fault_cleared: true, service_working: true, site_tidy: true }, checks: [], linkedCase: null, signed: true }),
    ).toEqual([]);
  });
});

describe("the counter clerk's self-check (营业员自检)", () => {
  it("is one confirmation, false unless given; creation needs it", () => {
    expect(ZClerkCheck.parse(undefined)).toBe(false);
    expect(ZClerkCheck.parse(true)).toBe(true);
    expect(clerkCheckDecision(true)).toEqual({ kind: "apply" });
    expect(clerkCheckDecision(false)).toEqual({ kind: "reject", code: "clerk_check_required", details: {} });
    expect(clerkCheckDecision(undefined).kind).toBe("reject");
  });
});
