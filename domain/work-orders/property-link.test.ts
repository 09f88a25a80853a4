import { describe, expect, it } from "vitest";
import { DEPARTMENTS, ROLES } from "@/domain/auth/roles";
import { CASE_STATUSES, mayRecordMaintenance } from "@/domain/property/model";
import {
  caseLinkable,
  connectOnClose,
  contactPhone,
  coveringAgreement,
  handOverCaseProblem,
  inspectionStanding,
  linkedCaseSummary,
  maintenanceDay,
  maintenanceSummary,
  mayLinkCase,
  offersMaintenanceAgreement,
  pbxConnectProblem,
  showsMaintenance,
  summarise,
  TERMS_SUMMARY_CHARS,
} from "./property-link";
import { WORK_ORDER_KINDS } from "./status";

const pbxDetails = {
  certificateNo: "03-A511-240178",
  model: "KX-TES824CN",
  manufacturer: "Panasonic",
  capacity: "8 外线 / 24 分机",
  standard: "模拟",
  connection: "模拟中继",
  power: "AC 220V + UPS",
  ancillary: "话务台 1 台",
  trunkLines: 8,
  registry: { verdict: "valid", applicant: "x", equipmentName: "y", expiryDate: "2029-01-01" },
};

describe("linking an order to a customer-property case", () => {
  it("install and move orders connect a PBX or open a works project's service; repair and maintenance do not", () => {
    expect(WORK_ORDER_KINDS.filter(mayLinkCase)).toEqual(["install", "move"]);
  });
  it("any open or passed case may be linked; not one connected or cancelled", () => {
    expect(CASE_STATUSES.filter(caseLinkable)).toEqual(["recorded", "scheduled", "failed", "rectifying", "rectified", "passed"]);
  });
  it("the phone's standing: passed (and connected) may connect; the rest wait or are over", () => {
    expect(CASE_STATUSES.map((s) => [s, inspectionStanding(s)])).toEqual([
      ["recorded", "open"],
      ["scheduled", "open"],
      ["failed", "open"],
      ["rectifying", "open"],
      ["rectified", "open"],
      ["passed", "passed"],
      ["connected", "passed"],
      ["cancelled", "closed"],
    ]);
  });
});

describe("the rules (ADR 0039 §6)", () => {
  it("a PBX connects only with a linked PBX application that passed", () => {
    expect(pbxConnectProblem(null)).toBe("pbx_inspection_required");
    for (const status of CASE_STATUSES) {
      expect(pbxConnectProblem({ kind: "pbx", status })).toBe(status === "passed" || status === "connected" ? null : "pbx_inspection_required");
      expect(pbxConnectProblem({ kind: "works", status })).toBe("pbx_inspection_required");
    }
  });
  it("the hand-over of an order linked to works waits for the acceptance; other orders are not concerned", () => {
    expect(handOverCaseProblem(null)).toBeNull();
    for (const status of CASE_STATUSES) {
      expect(handOverCaseProblem({ kind: "pbx", status })).toBeNull();
      expect(handOverCaseProblem({ kind: "works", status })).toBe(status === "passed" || status === "connected" ? null : "works_not_accepted");
    }
  });
});

describe("closing a linked order connects its case (server/property/connect.ts)", () => {
  it("a passed case is connected; a PBX application only when the lineman connected the PBX", () => {
    expect(connectOnClose({ kind: "works", status: "passed", pbxConnected: false })).toBe("connect");
    expect(connectOnClose({ kind: "pbx", status: "passed", pbxConnected: true })).toBe("connect");
    expect(connectOnClose({ kind: "pbx", status: "passed", pbxConnected: false })).toBe("none");
  });
  it("connected already: nothing again (a resent close, or another order first); any other status: left alone", () => {
    for (const kind of ["pbx", "works"] as const) {
      expect(connectOnClose({ kind, status: "connected", pbxConnected: true })).toBe("already");
      for (const status of CASE_STATUSES.filter((s) => s !== "passed" && s !== "connected"))
        expect(connectOnClose({ kind, status, pbxConnected: true })).toBe("none");
    }
  });
});

describe("the case's summary", () => {
  it("a PBX application: the details the customer applied for, without the registry's record", () => {
    const s = linkedCaseSummary({ id: "c", code: "PBX-2026-0001", kind: "pbx", status: "passed", customerName: "客户", details: pbxDetails });
    expect(s).toEqual({
      id: "c",
      code: "PBX-2026-0001",
      kind: "pbx",
      status: "passed",
      customerName: "客户",
      details: {
        certificateNo: "03-A511-240178",
        model: "KX-TES824CN",
        manufacturer: "Panasonic",
        capacity: "8 外线 / 24 分机",
        standard: "模拟",
        connection: "模拟中继",
        power: "AC 220V + UPS",
        ancillary: "话务台 1 台",
        trunkLines: 8,
      },
    });
  });
  it("works: the project, constructor, agreement and scope (summarised)", () => {
    const s = linkedCaseSummary({
      id: "w",
      code: "CW-2026-0001",
      kind: "works",
      status: "rectifying",
      customerName: "园区",
      details: {
        projectName: "园区综合布线",
        constructorName: "某施工单位",
        scope: "x".repeat(500),
        agreementKind: "acceptance",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
      },
    });
    expect(s.kind).toBe("works");
    if (s.kind !== "works") return;
    expect(s.details.projectName).toBe("园区综合布线");
    expect(s.details.agreementKind).toBe("acceptance");
    expect(s.details.scope.length).toBe(300);
    expect(s.details.scope.endsWith("…")).toBe(true);
  });
  it("details missing from an odd row read as empty, never as undefined", () => {
    const s = linkedCaseSummary({ id: "c", code: "PBX-1", kind: "pbx", status: "recorded", customerName: "", details: null });
    expect(s.details).toMatchObject({ capacity: "", trunkLines: 0 });
  });
});

describe("maintenance agreements on terminal-maintenance orders (ADR 0039 §9)", () => {
  const a = (code: string, startsOn: string, endsOn: string, status: "active" | "ended" | "cancelled" = "active") => ({ code, startsOn, endsOn, status });
  it("only terminal-maintenance orders show it", () => {
    expect(WORK_ORDER_KINDS.filter(showsMaintenance)).toEqual(["terminal_maintenance"]);
  });
  it("the agreement covering the day, the latest to start when several do; none ended or out of period", () => {
    const list = [a("MA-1", "2026-01-01", "2026-12-31"), a("MA-2", "2026-06-01", "2027-05-31"), a("MA-3", "2026-01-01", "2027-12-31", "ended")];
    expect(coveringAgreement(list, "2026-03-01")?.code).toBe("MA-1");
    expect(coveringAgreement(list, "2026-07-01")?.code).toBe("MA-2");
    expect(coveringAgreement(list, "2027-06-01")).toBeNull();
    expect(coveringAgreement(list, "2025-12-31")).toBeNull();
    expect(coveringAgreement([], "2026-07-01")).toBeNull();
  });
  it("the day: the closing day of a closed order; its scheduled day while open, or today once it has passed", () => {
    const now = new Date("2026-05-10T02:00:00Z");
    expect(maintenanceDay({ scheduledFor: "2026-05-20", closedAt: null }, now)).toBe("2026-05-20");
    expect(maintenanceDay({ scheduledFor: "2026-05-01", closedAt: null }, now)).toBe("2026-05-10");
    // 16:30 UTC is the next day in Beijing
    expect(maintenanceDay({ scheduledFor: "2026-05-01", closedAt: new Date("2026-05-03T16:30:00Z") }, now)).toBe("2026-05-04");
  });
  it("the summary keeps the equipment and summarises the terms", () => {
    const s = maintenanceSummary({
      id: "m",
      code: "MA-2026-0001",
      customerName: "客户",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      equipment: ["打印机"],
      terms: "条款".repeat(400),
    });
    expect(s.terms.length).toBe(TERMS_SUMMARY_CHARS);
    expect(s.equipment).toEqual(["打印机"]);
    expect(summarise("  short  ", 10)).toBe("short");
  });
});

describe("recording an agreement from a terminal-maintenance order (ADR 0039 §9)", () => {
  const summary = maintenanceSummary({
    id: "m",
    code: "MA-2026-0001",
    customerName: "客户",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    equipment: ["UPS"],
    terms: "巡检",
  });
  const lineman = { id: "u", role: "lineman", department: "terminal_service" } as const;

  it.each([
    ["a terminal-maintenance order without an agreement, to its lineman", "terminal_maintenance", null, true],
    ["the agreement not in the feed row (an older phone's row)", "terminal_maintenance", undefined, true],
    ["an agreement in force: nothing to record", "terminal_maintenance", summary, false],
    ["a repair order: no agreement shown, none offered", "repair", null, false],
    ["an install order", "install", null, false],
  ] as const)("%s", (_what, kind, agreement, offered) => {
    expect(offersMaintenanceAgreement({ kind, agreement, actor: lineman })).toBe(offered);
  });

  it("offered to whoever may record one, every role × department (mayRecordMaintenance)", () => {
    for (const role of ROLES)
      for (const department of [null, ...DEPARTMENTS]) {
        const actor = { id: "u", role, department };
        expect(offersMaintenanceAgreement({ kind: "terminal_maintenance", agreement: null, actor }), `${role} ${department}`).toBe(mayRecordMaintenance(actor));
      }
  });

  it.each([
    ["a phone alone", "13800138000", "13800138000"],
    ["a name and a phone", "王芳 138 0013 8000", "138 0013 8000"],
    ["an office phone with its area code", "办公室 0571-8705 0001", "0571-8705 0001"],
    ["in brackets after the name", "王芳(13800138000)", "13800138000"],
    ["full-width brackets are not phone characters", "王芳（13800138000）", "13800138000"],
    ["an area code in brackets stays", "(0571) 8705 0001 李工", "(0571) 8705 0001"],
    ["an unpaired bracket is dropped", "王芳 13800138000)", "13800138000"],
    ["an international number", "+86 138 0013 8000", "+86 138 0013 8000"],
    ["trailing separators", "13800138000 - 王芳", "13800138000"],
    ["the first number of two", "13800138000 / 13900139000", "13800138000"],
    ["a short number before the phone is skipped", "3号楼 王芳 0571-87050001", "0571-87050001"],
    ["an extension: the number before it", "0571-87050001 转 8001", "0571-87050001"],
    ["too long with its spaces: its digits", "0086 571 8705 0001 23", "00865718705000123"],
    ["too long even as digits", "1234567890 1234567890 1", ""],
    ["fewer than 5 digits", "王芳 1234", ""],
    ["no number", "王芳", ""],
    ["empty", "", ""],
  ])("contactPhone: %s", (_what, contact, phone) => {
    expect(contactPhone(contact)).toBe(phone);
    if (phone !== "") expect(phone).toMatch(/^[0-9+\-() ]{5,20}$/);
  });
});
