import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TLinkedCase } from "@/domain/work-orders/property-link";
import { operatorToday } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { renderWorkOrderRecord } from "@/server/work-orders/pdf";
import { loadWorkOrderRecord } from "@/server/work-orders/pdf-data";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { auditOf, batch, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import {
  checkEquipment,
  checksOf,
  customerSign,
  latestRegistryVersion,
  makeWorkOrder,
  selfCheck,
  shownCheck,
  signoffsOf,
  transition,
  workOrderRow,
} from "@/tests/helpers/work-orders";
import { caseRow, makeAgreement, makeCase, setCaseStatus } from "./property-link.fixtures";

const pbxLabel = { kind: "license_old" as const, licenseNo: "03-A511-240178", model: "KX-TES824CN", scrambleCode: null };
const typed = (inspection: "passed" | "failed") => ({
  capacity: "8/24",
  standard: "GB/T 15279",
  connection: "模拟中继",
  power: "AC 220V",
  trunkLines: 8,
  inspection,
  inspectionNote: "",
});

describe("work orders and the customer's property (ADR 0039 §6, §9)", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;
  let linemanName: string;
  let service: Caller;
  let serviceUser: SessionUser;
  let version: string | null;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId, displayName: linemanName },
    } = await login(t.db, "lineman", "lineman-demo"));
    ({ caller: service, user: serviceUser } = await login(t.db, "service", "service-demo"));
    version = await latestRegistryVersion(t.db);
  });
  afterAll(async () => t?.close());

  /** A PBX check as today's phones queue it (v3: no typed details). */
  const pbxCheck = (d: string, seq: number, workOrderId: string, over: Record<string, unknown> = {}, schemaVersion: 1 | 2 | 3 = 3) =>
    checkEquipment(
      d,
      seq,
      { workOrderId, equipmentType: "pbx", label: pbxLabel, equipmentModel: "KX-TES824CN", serial: "PBX-0001", clientRegistryVersion: version, ...over },
      { schemaVersion },
    );
  const pbxCase = (status: "scheduled" | "passed" | "rectifying" | "connected" | "cancelled") =>
    makeCase(t.db, { kind: "pbx", status, createdBy: serviceUser.id });

  it("v3: a PBX is connected only on an order linked to its application, once the inspection passed", async () => {
    const d = await newDevice(lineman);
    const unlinked = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const waiting = await pbxCase("scheduled");
    const early = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: waiting.id });
    const answer = await lineman.sync.push(batch(d, pbxCheck(d, 1, unlinked.id), pbxCheck(d, 2, early.id), pbxCheck(d, 3, early.id, { outcome: "refused" })));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "pbx_inspection_required"],
      ["rejected", "pbx_inspection_required"],
      // refusing (or informing the customer) is always allowed
      ["applied", null],
    ]);
    expect(answer.results[0]!.details).toMatchObject({ caseId: null, caseCode: null });
    expect(answer.results[1]!.details).toMatchObject({ caseId: waiting.id, caseCode: waiting.code, caseStatus: "scheduled" });

    const passed = await pbxCase("passed");
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: passed.id });
    // details a phone sends anyway are dropped: today's check has none
    const ok = await lineman.sync.push(batch(d, pbxCheck(d, 4, wo.id, { pbx: typed("failed") }), selfCheck(d, 5, wo.id)));
    expect(ok.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["applied", null],
    ]);
    expect((await checksOf(t.db, wo.id)).map((c) => [c.equipmentType, c.outcome, c.pbx])).toEqual([["pbx", "connected", null]]);
    // the derived item means the linked application passed
    expect((await signoffsOf(t.db, wo.id))[0]!.checklist).toMatchObject({ equipment_resolved: true, pbx_inspected: true });
  });

  it("an older build's outbox (v2, typed PBX details) is still accepted by version", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const answer = await lineman.sync.push(
      batch(d, pbxCheck(d, 1, wo.id, { pbx: typed("passed") }, 2), pbxCheck(d, 2, wo.id, { pbx: typed("failed") }, 2), selfCheck(d, 3, wo.id)),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["rejected", "pbx_details_required"],
      ["applied", null],
    ]);
    expect((await checksOf(t.db, wo.id))[0]!.pbx).toEqual(typed("passed"));
  });

  it("the self-check decides on the case as it stands: an application cancelled after the PBX was connected refuses it", async () => {
    const d = await newDevice(lineman);
    const c = await pbxCase("passed");
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: c.id });
    expect((await lineman.sync.push(batch(d, pbxCheck(d, 1, wo.id)))).results[0]).toMatchObject({ status: "applied" });
    await setCaseStatus(t.db, c.id, "cancelled");
    const self = await lineman.sync.push(batch(d, selfCheck(d, 2, wo.id)));
    expect(self.results[0]).toMatchObject({ status: "rejected", reasonCode: "pbx_inspection_required" });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("on_site");
  });

  it("an order opening a works project's service: the self-check is refused until the acceptance passed", async () => {
    const d = await newDevice(lineman);
    const works = await makeCase(t.db, { kind: "works", status: "rectifying", createdBy: serviceUser.id });
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: works.id });
    const refused = await lineman.sync.push(batch(d, selfCheck(d, 1, wo.id)));
    expect(refused.results[0]).toMatchObject({ status: "rejected", reasonCode: "works_not_accepted", details: { caseStatus: "rectifying" } });
    await setCaseStatus(t.db, works.id, "passed");
    const applied = await lineman.sync.push(batch(d, selfCheck(d, 2, wo.id)));
    expect(applied.results[0]).toMatchObject({ status: "applied" });
  });

  /** On site → PBX connected → self-check → signed → closed, by the phone; returns the order and the batch. */
  async function closeByPhone(caseId: string, outcome: "connected" | "refused" = "connected") {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: caseId });
    const check = pbxCheck(d, 1, wo.id, { outcome });
    const ms = [
      check,
      selfCheck(d, 2, wo.id),
      customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, linemanName, checks: [shownCheck(check)] }),
      transition(d, 4, wo.id, "closed", { from: "signed", version: 3 }),
    ];
    const answer = await lineman.sync.push(batch(d, ...ms));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
    return { d, wo, ms };
  }

  it("closing the order connects its PBX application once, in the same transaction; a resent close changes nothing", async () => {
    const c = await pbxCase("passed");
    const { d, wo, ms } = await closeByPhone(c.id);
    const after = await caseRow(t.db, c.id);
    expect(after).toMatchObject({ status: "connected", connectedOrderId: wo.id, version: c.version + 1 });
    expect(after.connectedAt).toEqual((await workOrderRow(t.db, wo.id)).closedAt);
    const audit = await auditOf(t.db, c.id, "property.connected");
    expect(audit.map((a) => [a.subjectType, a.actorId, a.payload])).toEqual([
      ["property_case", linemanId, { code: c.code, kind: "pbx", note: "", workOrderCode: wo.code }],
    ]);
    // the whole batch delivered again: already applied, nothing written twice
    const again = await lineman.sync.push(batch(d, ...ms));
    expect(again.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
    expect(await caseRow(t.db, c.id)).toMatchObject({ status: "connected", version: c.version + 1 });
    expect(await auditOf(t.db, c.id, "property.connected")).toHaveLength(1);
    // another order of the same application closing later leaves it as the first order connected it
    const second = await closeByPhone(c.id);
    expect(await caseRow(t.db, c.id)).toMatchObject({ connectedOrderId: wo.id, version: c.version + 1 });
    expect(second.wo.id).not.toBe(wo.id);
  });

  it("a PBX refused at the site leaves its application passed; a works case opens its service when the office closes the order", async () => {
    const c = await pbxCase("passed");
    await closeByPhone(c.id, "refused");
    expect(await caseRow(t.db, c.id)).toMatchObject({ status: "passed", connectedOrderId: null, version: c.version });

    const works = await makeCase(t.db, { kind: "works", status: "passed", createdBy: serviceUser.id });
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", propertyCaseId: works.id });
    const ms = [selfCheck(d, 1, wo.id), customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, linemanName })];
    expect((await lineman.sync.push(batch(d, ...ms))).results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect((await caseRow(t.db, works.id)).status).toBe("passed");
    await service.workOrders.close({ workOrderId: wo.id, version: 3 });
    expect(await caseRow(t.db, works.id)).toMatchObject({ status: "connected", connectedOrderId: wo.id, version: works.version + 1 });
    expect(await auditOf(t.db, works.id, "property.connected")).toHaveLength(1);
  });

  it("the phone's feed carries the linked case's summary and the maintenance agreement, and the order again when its case changes", async () => {
    const d = await newDevice(lineman);
    const c = await pbxCase("scheduled");
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, propertyCaseId: c.id });
    const phone = "0571-8800 7788 李经理";
    const ma = await makeAgreement(t.db, { createdBy: serviceUser.id, phone: "057188007788", startsOn: "2020-01-01", endsOn: "2099-12-31" });
    await makeAgreement(t.db, { createdBy: serviceUser.id, phone: "057188007788", startsOn: "2020-01-01", endsOn: "2099-12-31", status: "ended" });
    const tm = await makeWorkOrder(t.db, { assignedTo: linemanId, kind: "terminal_maintenance", contact: phone });
    const other = await makeWorkOrder(t.db, { assignedTo: linemanId, kind: "terminal_maintenance", contact: "139 1111 2222" });
    const pages = await pullCaughtUp(lineman, d, t.db);
    const rows = feedRows(pages, "workOrders");
    const row = rows.find((r) => r.id === wo.id)!;
    expect(row.propertyCase).toEqual({
      id: c.id,
      code: c.code,
      kind: "pbx",
      status: "scheduled",
      customerName: c.customerName,
      details: {
        certificateNo: "03-A511-240178",
        model: "KX-TES824CN",
        manufacturer: "Panasonic",
        capacity: "8 外线 / 24 分机",
        standard: "模拟 Analogue",
        connection: "模拟中继 Analogue trunk",
        power: "AC 220V + UPS",
        ancillary: "话务台 1 台 Operator console",
        trunkLines: 8,
      },
    } satisfies TLinkedCase);
    expect(row.maintenance).toBeNull();
    expect(rows.find((r) => r.id === tm.id)!.maintenance).toMatchObject({ id: ma.id, code: ma.code, equipment: ma.equipment, endsOn: "2099-12-31" });
    expect(rows.find((r) => r.id === other.id)!.maintenance).toBeNull();
    expect(rows.find((r) => r.id === tm.id)!.propertyCase).toBeNull();

    // the inspection passes: the order comes again with the new status, though the order itself did not change
    await setCaseStatus(t.db, c.id, "passed");
    const next = await pullCaughtUp(lineman, d, t.db, pages.at(-1)!.cursor);
    const again = feedRows(next, "workOrders").filter((r) => r.id === wo.id);
    expect(again.map((r) => r.propertyCase?.status)).toEqual(["passed"]);
  });

  it("the desk links a new install or move order to an open or passed case, never a connected one or a repair", async () => {
    const phone = "0571 8000 1616";
    const open = await makeCase(t.db, { kind: "pbx", status: "rectifying", createdBy: serviceUser.id, phone });
    const works = await makeCase(t.db, { kind: "works", status: "passed", createdBy: serviceUser.id, phone });
    const done = await makeCase(t.db, { kind: "pbx", status: "connected", createdBy: serviceUser.id, phone });
    // the desk's picker (property.linkable): the customer's open or passed cases
    const listed = await service.property.linkable({ customerPhone: "057180001616" });
    expect(listed.map((r) => r.code).sort()).toEqual([open.code, works.code].sort());

    const input = {
      kind: "install" as const,
      customerName: "园区",
      address: "幸福路 1 号",
      contact: phone,
      service: "PBX 中继 8 路",
      scheduledFor: operatorToday(),
      clerkCheck: true,
    };
    const created = await service.workOrders.create({ ...input, propertyCaseId: open.id });
    expect((await workOrderRow(t.db, created.id)).propertyCaseId).toBe(open.id);
    expect((await auditOf(t.db, created.id, "workOrder.created"))[0]!.payload).toMatchObject({ propertyCaseCode: open.code });
    const refusal = await service.workOrders.create({ ...input, propertyCaseId: done.id }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect(JSON.stringify((refusal as TRPCError).cause)).toContain("desk.validation.caseNotLinkable");
    await expect(service.workOrders.create({ ...input, kind: "repair", propertyCaseId: open.id })).rejects.toThrow();
  });

  it("the office detail and the record show the linked case and a terminal-maintenance order's agreement", async () => {
    const c = await pbxCase("passed");
    const { wo } = await closeByPhone(c.id);
    const detail = await service.workOrders.get({ workOrderId: wo.id });
    expect(detail.propertyCase).toMatchObject({ id: c.id, code: c.code, status: "connected" });
    expect(detail.maintenance).toBeNull();
    const record = await loadWorkOrderRecord({ db: t.db, user: serviceUser, workOrderId: wo.id });
    const text = pdfText(await renderWorkOrderRecord(record!, { compress: false })).text;
    expect(text).toContain(c.code);
    expect(text).toContain("已开通 Connected");
    expect(text).toContain("附属设备");

    const ma = await makeAgreement(t.db, { createdBy: serviceUser.id, phone: "13912345678", startsOn: "2020-01-01", endsOn: "2099-12-31" });
    const tm = await makeWorkOrder(t.db, { assignedTo: linemanId, kind: "terminal_maintenance", contact: "139-1234-5678" });
    expect((await service.workOrders.get({ workOrderId: tm.id })).maintenance).toMatchObject({ code: ma.code });
    const tmText = pdfText(
      await renderWorkOrderRecord((await loadWorkOrderRecord({ db: t.db, user: serviceUser, workOrderId: tm.id }))!, { compress: false }),
    ).text;
    expect(tmText).toContain(ma.code);
    expect(tmText).toContain("打印机 HP M1136");
  });
});
