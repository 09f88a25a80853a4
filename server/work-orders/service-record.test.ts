import { eq, inArray } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, workOrderServiceRecords } from "@/db/schema";
import type { TCreateWorkOrderForm } from "@/domain/work-orders/schemas";
import { renderWorkOrderRecord } from "@/server/work-orders/pdf";
import { loadWorkOrderRecord } from "@/server/work-orders/pdf-data";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { pdfText } from "@/tests/helpers/pdf-text";
import { auditOf, batch, envelope, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { customerSign, makeWorkOrder, selfCheck, serviceRecord, signoffsOf, transition, workOrderRow } from "@/tests/helpers/work-orders";
import type { SessionUser } from "@/server/auth/session";

/** The data-terminal service record (服务记录表) and the counter clerk's self-check (营业员自检), issue 15. */
describe("the service record of a terminal-maintenance order, through the outbox", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanUser: SessionUser;
  let other: Caller;
  let service: Caller;
  let serviceUser: SessionUser;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: lineman, user: linemanUser } = await login(t.db, "lineman", "lineman-demo"));
    ({ caller: other } = await login(t.db, "lineman2", "lineman2-demo").catch(() => login(t.db, "lineman", "lineman-demo")));
    ({ caller: service, user: serviceUser } = await login(t.db, "service", "service-demo"));
  });
  afterAll(async () => t?.close());

  const onSite = (d: string, id: string) => [
    transition(d, 1, id, "en_route", { from: "assigned", version: 1 }),
    transition(d, 2, id, "on_site", { from: "en_route", version: 2 }),
  ];

  it("today's self-check needs the record; with it the hand-over goes on; it is fed to the phone, audited, replaced until the customer signs", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanUser.id, kind: "terminal_maintenance" });
    const first = await lineman.sync.push(batch(d, ...onSite(d, wo.id), selfCheck(d, 3, wo.id, "terminal_maintenance")));
    expect(first.results.map((r) => r.status)).toEqual(["applied", "applied", "rejected"]);
    expect(first.results[2]!.reasonCode).toBe("service_record_required");
    expect((await workOrderRow(t.db, wo.id)).status).toBe("on_site");

    // the record, then a corrected one, then the self-check in the same batch
    const rec = serviceRecord(d, 4, wo.id);
    const fix = serviceRecord(d, 5, wo.id, { completion: "partly_completed", parts: [] });
    const answer = await lineman.sync.push(batch(d, rec, fix, selfCheck(d, 6, wo.id, "terminal_maintenance")));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    const [row] = await t.db.select().from(workOrderServiceRecords).where(eq(workOrderServiceRecords.workOrderId, wo.id));
    expect(row).toMatchObject({ completion: "partly_completed", parts: [], recordedBy: linemanUser.id, mutationId: fix.mutationId });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("work_done");
    const self = (await signoffsOf(t.db, wo.id)).find((s) => s.kind === "self_check")!;
    expect(self.checklist).toEqual({ terminal_tested: true, site_tidy: true, equipment_resolved: true });

    const audit = await auditOf(t.db, wo.id, "workOrder.serviceRecorded");
    expect(audit.map((a) => a.payload)).toEqual([
      { code: wo.code, parts: 1, completion: "completed", mutationId: rec.mutationId, deviceId: d },
      { code: wo.code, parts: 0, completion: "partly_completed", mutationId: fix.mutationId, deviceId: d },
    ]);

    const pages = await pullCaughtUp(lineman, d, t.db);
    const fed = feedRows(pages, "serviceRecords").filter((r) => r.workOrderId === wo.id);
    expect(fed.at(-1)).toMatchObject({ workOrderId: wo.id, completion: "partly_completed" });
    expect(fed.at(-1)!.done).toContain("搓纸轮");

    // the office record shows it
    const detail = await service.workOrders.get({ workOrderId: wo.id });
    expect(detail.serviceRecord).toMatchObject({ completion: "partly_completed", recordedByName: linemanUser.displayName });

    // once the customer has signed, the record is what they saw: no more changes
    const row2 = await workOrderRow(t.db, wo.id);
    const sign = customerSign({ deviceId: d, seq: 7, userId: linemanUser.id, workOrder: row2 });
    const late = serviceRecord(d, 8, wo.id, { completion: "completed" });
    const after = await lineman.sync.push(batch(d, sign, late));
    expect(after.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["rejected", "invalid_transition"],
    ]);
  });

  it("a self-check queued by an older build (v1, with the record tick) stays valid without a record", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanUser.id, kind: "terminal_maintenance" });
    const answer = await lineman.sync.push(batch(d, ...onSite(d, wo.id), selfCheck(d, 3, wo.id, "terminal_maintenance", undefined, 1)));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    const self = (await signoffsOf(t.db, wo.id)).find((s) => s.kind === "self_check")!;
    expect(self.checklist).toMatchObject({ terminal_tested: true, service_record_filled: true, site_tidy: true });
  });

  it("other kinds keep no record; another lineman may not write one; an invalid record is bad input", async () => {
    const d = await newDevice(lineman);
    const repair = await makeWorkOrder(t.db, { assignedTo: linemanUser.id, kind: "repair" });
    const tm = await makeWorkOrder(t.db, { assignedTo: linemanUser.id, kind: "terminal_maintenance" });
    const r = await lineman.sync.push(batch(d, serviceRecord(d, 1, repair.id), serviceRecord(d, 2, tm.id, { done: " ", parts: [{ name: "x", quantity: 0 }] })));
    expect(r.results.map((x) => [x.status, x.reasonCode])).toEqual([
      ["rejected", "precondition_failed"],
      ["rejected", "bad_input"],
    ]);
    // an order of someone else (not assigned to this lineman)
    const elsewhere = await makeWorkOrder(t.db, { assignedTo: null, kind: "terminal_maintenance" });
    const d2 = await newDevice(other);
    const no = await other.sync.push(batch(d2, serviceRecord(d2, 1, elsewhere.id)));
    expect(no.results[0]!.reasonCode).toBe("not_allowed");
  });

  it("the work-order PDF prints the record with its completion, and the clerk's self-check", async () => {
    const d = await newDevice(lineman);
    const created = await service.workOrders.create({
      kind: "terminal_maintenance",
      customerName: "数据终端客户",
      address: "文三路 90 号",
      contact: "0571-8800 1200",
      service: "POS 终端维护",
      scheduledFor: new Date().toISOString().slice(0, 10),
      assigneeId: linemanUser.id,
      clerkCheck: true,
    });
    await lineman.sync.push(batch(d, serviceRecord(d, 1, created.id)));
    const record = await loadWorkOrderRecord({ db: t.db, user: serviceUser, workOrderId: created.id });
    const { text } = pdfText(await renderWorkOrderRecord(record!, { compress: false }));
    for (const s of [
      "服务记录表（数据终端） Service record (data terminal)",
      "完成情况 Completion (完成情况)",
      "已完成 Completed",
      "打印机卡纸",
      "搓纸轮 pick-up roller × 1",
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(`营业员自检 Clerk’s self-check`);
    expect(text).toContain(serviceUser.displayName);

    // an order without its record says so
    const bare = await makeWorkOrder(t.db, { assignedTo: linemanUser.id, kind: "terminal_maintenance" });
    const none = pdfText(await renderWorkOrderRecord((await loadWorkOrderRecord({ db: t.db, user: serviceUser, workOrderId: bare.id }))!, { compress: false }));
    expect(none.text).toContain("未填写服务记录表。 No service record was filled in.");
    expect(none.text).toContain("未记录 Not recorded");
  });
});

describe("the counter clerk's self-check (营业员自检) on the desk's forms", () => {
  let t: TestDb;
  let service: Caller;
  let serviceUser: SessionUser;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: service, user: serviceUser } = await login(t.db, "service", "service-demo"));
  });
  afterAll(async () => t?.close());

  const order = (o: Partial<TCreateWorkOrderForm> = {}): TCreateWorkOrderForm => ({
    kind: "repair",
    customerName: "柜台客户",
    address: "解放路 12 号",
    contact: "0571-8800 1200",
    service: "宽带不通",
    scheduledFor: new Date().toISOString().slice(0, 10),
    ...o,
  });

  it("a work order is refused without it (clerk_check_required); with it, who and when come from the session", async () => {
    const refused = await expectAppError(service.workOrders.create(order()), "rule_violation");
    expect(refused.data.details).toMatchObject({ rule: "clerk_check_required" });
    await expectAppError(service.workOrders.create(order({ clerkCheck: false })), "rule_violation");
    const before = Date.now();
    const ok = await service.workOrders.create(order({ clerkCheck: true }));
    const row = await workOrderRow(t.db, ok.id);
    expect(row.clerkCheckedBy).toBe(serviceUser.id);
    expect(row.clerkCheckedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const detail = await service.workOrders.get({ workOrderId: ok.id });
    expect(detail.workOrder).toMatchObject({ clerkCheckedByName: serviceUser.displayName });
    const [mark] = await auditOf(t.db, ok.id, "clerk.checked");
    expect(mark).toMatchObject({ actorId: serviceUser.id, payload: { record: "work_order", code: ok.code } });
  });

  it("a key customer's service request likewise, shown on the form's record", async () => {
    const kc = await service.complaints.saveKeyCustomer({
      name: "自检测试单位",
      category: "government",
      contacts: [{ name: "办公室", phone: "0571-8705 0001" }],
    });
    const input = {
      keyCustomerId: kc.id,
      serviceType: "repair" as const,
      channel: "line_189" as const,
      contact: "办公室 0571-8705 0001",
      words: "专线中断",
      departments: ["operations" as const],
    };
    const refused = await expectAppError(service.complaints.createServiceRequest(input), "rule_violation");
    expect(refused.data.details).toMatchObject({ rule: "clerk_check_required" });
    const out = await service.complaints.createServiceRequest({ ...input, clerkCheck: true });
    const [row] = await t.db.select().from(complaints).where(eq(complaints.id, out.id));
    expect(row).toMatchObject({ clerkCheckedBy: serviceUser.id });
    const [mark] = await auditOf(t.db, out.id, "clerk.checked");
    expect(mark).toMatchObject({ actorId: serviceUser.id, payload: { record: "complaint", code: out.code } });
    const detail = await service.complaints.get({ id: out.id });
    expect(detail.clerkCheckedByName).toBe(serviceUser.displayName);
  });

  it("a complaint customer service records on a phone (complaint.record v2) needs it; v1 (an older outbox) and other recorders do not", async () => {
    const d = await newDevice(service);
    const form = (over: Record<string, unknown> = {}) => ({
      id: uuidv7(),
      kind: "complaint",
      channel: "counter",
      customerName: "柜台客户",
      contact: "0571-8800 1200",
      words: "账单有误",
      ...over,
    });
    const missing = form();
    const checked = form({ clerkCheck: true });
    const old = form();
    const answer = await service.sync.push(
      batch(
        d,
        envelope(d, 1, "complaint.record", missing, { schemaVersion: 2 }),
        envelope(d, 2, "complaint.record", checked, { schemaVersion: 2 }),
        envelope(d, 3, "complaint.record", old, { schemaVersion: 1 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "clerk_check_required"],
      ["applied", null],
      ["applied", null],
    ]);
    const rows = await t.db
      .select()
      .from(complaints)
      .where(inArray(complaints.id, [checked.id, old.id]));
    expect(rows.find((r) => r.id === checked.id)).toMatchObject({ clerkCheckedBy: serviceUser.id });
    expect(rows.find((r) => r.id === old.id)).toMatchObject({ clerkCheckedBy: null, clerkCheckedAt: null });
    expect(await auditOf(t.db, checked.id, "clerk.checked")).toHaveLength(1);

    const { caller: lineman } = await login(t.db, "lineman", "lineman-demo");
    const dl = await newDevice(lineman);
    const onSite = await lineman.sync.push(batch(dl, envelope(dl, 1, "complaint.record", form({ channel: "on_site" }), { schemaVersion: 2 })));
    expect(onSite.results[0]!.status).toBe("applied");
  });
});
