import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles, keyCustomers, workOrders } from "@/db/schema";
import type { TRecordComplaintForm } from "@/domain/complaints/schemas";
import { deadlineFrom, DEFAULT_POLICY } from "@/domain/complaints/deadlines";
import { addDays } from "@/domain/time/calendar";
import { operatorToday, startOfOperatorDay } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, envelope, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import { receivedAtOf } from "./record";
import { auditOf, eventsOf, formById, person, PNG_1X1, type TPerson } from "./steps.fixtures";

let t: TestDb;
let lineman: TPerson, keeper: TPerson, cs: TPerson;
let phone: string, keeperPhone: string;
let seq = 0;
let keeperSeq = 0;

beforeAll(async () => {
  t = await createTestDb();
  lineman = await person(t.db, "lineman", "terminal_service");
  keeper = await person(t.db, "warehouse_keeper", "finance");
  cs = await person(t.db, "customer_service", "customer_service");
  phone = await newDevice(lineman.caller);
  keeperPhone = await newDevice(keeper.caller);
});
afterAll(async () => {
  await t?.close();
});

const args = (o: Partial<TRecordComplaintForm> = {}): TRecordComplaintForm => ({
  id: uuidv7(),
  kind: "complaint",
  channel: "on_site",
  customerName: "赵女士",
  contact: "赵女士 139-0571-2233",
  words: "装机师傅迟到了两个小时",
  ...o,
});

/** Pushes one `complaint.record` from the lineman's phone; returns the result. */
async function record(a: TRecordComplaintForm, opts: { clientTime?: Date; mutationId?: string } = {}) {
  const m = envelope(phone, ++seq, "complaint.record", a, { clientTime: (opts.clientTime ?? new Date()).toISOString(), mutationId: opts.mutationId });
  return (await lineman.caller.sync.push(batch(phone, m))).results[0]!;
}

describe("complaint.record", () => {
  it("records a form from the phone: numbered by the operator's day, dated by the policy, in the timeline and the audit chain", async () => {
    const a = args();
    const mutationId = uuidv7();
    expect(await record(a, { mutationId })).toMatchObject({ status: "applied" });
    const f = await formById(t.db, a.id);
    expect(f).toMatchObject({
      kind: "complaint",
      channel: "on_site",
      status: "recorded",
      version: 1,
      customerName: "赵女士",
      contactDigits: "13905712233",
      recordedBy: lineman.id,
      keyCustomerId: null,
      photoSha256: null,
      policyVersion: 1,
    });
    expect(f.code).toMatch(new RegExp(`^TS-${operatorToday().replaceAll("-", "")}-\\d{4}$`));
    expect(f.dueAt).toEqual(deadlineFrom(f.receivedAt, DEFAULT_POLICY.standard.complaint));
    expect(await eventsOf(t.db, a.id)).toMatchObject([
      { action: "recorded", fromStatus: null, toStatus: "recorded", actorId: lineman.id, mutationId, versionAfter: 1 },
    ]);
    expect(await auditOf(t.db, a.id)).toMatchObject([
      { name: "complaint.step", actorId: lineman.id, payload: { code: f.code, action: "recorded", to: "recorded", mutationId, deviceId: phone } },
    ]);
  });

  it("sent again (same mutation, or the same form under a new mutation id) it is recorded once", async () => {
    const a = args();
    const mutationId = uuidv7();
    expect(await record(a, { mutationId })).toMatchObject({ status: "applied" });
    const code = (await formById(t.db, a.id)).code;
    // the same envelope again: the hub answers from its record of the mutation
    const again = envelope(phone, seq, "complaint.record", a, { mutationId });
    expect((await lineman.caller.sync.push(batch(phone, again))).results[0]).toMatchObject({ status: "applied" });
    // re-issued under a new mutation id: the form is already there
    expect(await record(a)).toMatchObject({ status: "already_in_state", details: { current: { code, status: "recorded", version: 1 } } });
    expect(await eventsOf(t.db, a.id)).toHaveLength(1);
    expect((await formById(t.db, a.id)).code).toBe(code);
  });

  it("the same form from two of the person's phones at once is recorded once", async () => {
    const second = await newDevice(lineman.caller, "second phone");
    const a = args();
    const results = await Promise.all([
      lineman.caller.sync.push(batch(phone, envelope(phone, ++seq, "complaint.record", a))),
      lineman.caller.sync.push(batch(second, envelope(second, 1, "complaint.record", a))),
    ]);
    expect(results.map((r) => r.results[0]!.status).sort()).toEqual(["already_in_state", "applied"]);
    expect(await eventsOf(t.db, a.id)).toHaveLength(1);
  });

  it("another person's phone sending the same form id is refused (not_allowed)", async () => {
    const a = args();
    await record(a);
    const m = envelope(keeperPhone, ++keeperSeq, "complaint.record", a);
    expect((await keeper.caller.sync.push(batch(keeperPhone, m))).results[0]).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect((await formById(t.db, a.id)).recordedBy).toBe(lineman.id);
  });

  it("numbers per operator day: across midnight in Shanghai the number starts again on the new day", async () => {
    const midnight = startOfOperatorDay(operatorToday());
    const yesterday = addDays(operatorToday(), -1).replaceAll("-", "");
    const today = operatorToday().replaceAll("-", "");
    const late = [args(), args()];
    const early = args();
    await record(late[0]!, { clientTime: new Date(midnight.getTime() - 60_000) });
    await record(early, { clientTime: new Date(midnight.getTime()) });
    await record(late[1]!, { clientTime: new Date(midnight.getTime() - 1) });
    const [a, b] = [await formById(t.db, late[0]!.id), await formById(t.db, late[1]!.id)];
    expect(a.code.slice(3, 11)).toBe(yesterday);
    expect(b.code.slice(3, 11)).toBe(yesterday);
    expect(Number(b.code.slice(-4))).toBe(Number(a.code.slice(-4)) + 1);
    expect((await formById(t.db, early.id)).code.slice(3, 11)).toBe(today);
  });

  it("the phone's time is taken as the time of receipt, never in the future, at most 30 days back", async () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(receivedAtOf("2026-05-31T12:00:00.000Z", now)).toEqual(new Date("2026-05-31T12:00:00Z"));
    expect(receivedAtOf("2026-06-02T00:00:00.000Z", now)).toEqual(now);
    expect(receivedAtOf("2026-01-01T00:00:00.000Z", now)).toEqual(new Date("2026-05-02T00:00:00Z"));
    const future = args();
    const before = Date.now();
    await record(future, { clientTime: new Date(Date.now() + 5 * 3_600_000) });
    const f = await formById(t.db, future.id);
    expect(f.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(f.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("matches an active key customer by the contact's phone number: key tier deadline", async () => {
    const [kc] = await t.db
      .insert(keyCustomers)
      .values({ name: "第一人民医院", category: "medical", contacts: [{ name: "信息科", phone: "0571-8888 6666" }], phoneDigits: ["057188886666"] })
      .returning();
    await t.db
      .insert(keyCustomers)
      .values({ name: "已停用客户", category: "enterprise", contacts: [{ name: "x", phone: "0571-1111 2222" }], phoneDigits: ["057111112222"], active: false });
    const a = args({ kind: "inquiry", contact: "信息科 0571-8888-6666" });
    await record(a);
    const f = await formById(t.db, a.id);
    expect(f.keyCustomerId).toBe(kc!.id);
    expect(f.dueAt).toEqual(deadlineFrom(f.receivedAt, DEFAULT_POLICY.key.inquiry));
    const inactive = args({ contact: "0571 1111 2222" });
    await record(inactive);
    expect((await formById(t.db, inactive.id)).keyCustomerId).toBeNull();
  });

  it("answered at once: recorded closed, the answer its result, told on site at the time of receipt", async () => {
    const a = args({ kind: "inquiry", answer: "已告知客户营业厅周末照常营业" });
    await record(a);
    const f = await formById(t.db, a.id);
    expect(f).toMatchObject({
      status: "closed",
      version: 2,
      result: "已告知客户营业厅周末照常营业",
      replyMethod: "on_site",
      repliedAt: f.receivedAt,
      closedAt: f.receivedAt,
    });
    expect((await eventsOf(t.db, a.id)).map((e) => [e.action, e.versionAfter])).toEqual([
      ["recorded", 1],
      ["closed", 2],
    ]);
    expect((await auditOf(t.db, a.id)).map((e) => (e.payload as { action: string }).action)).toEqual(["recorded", "closed"]);
  });

  it("keeps the photo as evidence; a work order that does not exist is not linked", async () => {
    const a = args({ photo: { mime: "image/png", base64: PNG_1X1 }, workOrderId: randomUUID() });
    await record(a);
    const sha = createHash("sha256").update(Buffer.from(PNG_1X1, "base64")).digest("hex");
    expect(await formById(t.db, a.id)).toMatchObject({ photoSha256: sha, workOrderId: null });
    expect(await t.db.select({ createdBy: evidenceFiles.createdBy }).from(evidenceFiles).where(eq(evidenceFiles.sha256, sha))).toEqual([
      { createdBy: lineman.id },
    ]);
  });

  it("links only a work order the recorder may see: their own, or any for the desk's readers of work orders", async () => {
    const order = async (assignedTo: string | null) => {
      const [w] = await t.db
        .insert(workOrders)
        .values({
          code: `WO-2026-${randomUUID().slice(0, 8)}`,
          kind: "repair",
          customerName: "赵女士",
          address: "x",
          contact: "13905712233",
          service: "宽带",
          scheduledFor: operatorToday(),
          status: "assigned",
          assignedTo,
        })
        .returning({ id: workOrders.id });
      return w!.id;
    };
    const other = await person(t.db, "lineman", "terminal_service");
    const own = await order(lineman.id);
    const othersOrder = await order(other.id);
    const mine = args({ workOrderId: own });
    const notMine = args({ workOrderId: othersOrder });
    expect(await record(mine)).toMatchObject({ status: "applied" });
    expect(await record(notMine)).toMatchObject({ status: "applied" });
    expect((await formById(t.db, mine.id)).workOrderId).toBe(own);
    // another lineman's order: the form is recorded, without the link (its code would show on the form)
    expect((await formById(t.db, notMine.id)).workOrderId).toBeNull();
    // customer service reads every work order: linked
    const csPhone = await newDevice(cs.caller);
    const desk = args({ workOrderId: othersOrder, channel: "counter" });
    const m = envelope(csPhone, 1, "complaint.record", desk, { clientTime: new Date().toISOString() });
    expect((await cs.caller.sync.push(batch(csPhone, m))).results[0]).toMatchObject({ status: "applied" });
    expect((await formById(t.db, desk.id)).workOrderId).toBe(othersOrder);
  });

  it("bad args are rejected as bad_input naming the field; nothing is written", async () => {
    const a = args({ contact: "王先生" });
    expect(await record(a)).toMatchObject({
      status: "rejected",
      reasonCode: "bad_input",
      details: { field: "contact", message: "complaints.validation.contact" },
    });
    const b = args({ channel: "centre_180" });
    expect(await record(b)).toMatchObject({ status: "rejected", reasonCode: "bad_input", details: { field: "centreRef" } });
  });
});

describe("feed myComplaints", () => {
  it("sends each person the forms they recorded, with exactly the phone's columns, and follows them as they move", async () => {
    const mine = args();
    await record(mine);
    const theirs = args();
    await keeper.caller.sync.push(batch(keeperPhone, envelope(keeperPhone, ++keeperSeq, "complaint.record", theirs)));
    const rows = feedRows(await pullCaughtUp(lineman.caller, phone, t.db), "myComplaints");
    expect(rows.map((r) => r.id)).toContain(mine.id);
    expect(rows.map((r) => r.id)).not.toContain(theirs.id);
    const row = rows.find((r) => r.id === mine.id)!;
    expect(Object.keys(row).sort()).toEqual(
      ["id", "code", "kind", "channel", "customerName", "contact", "status", "receivedAt", "dueAt", "repliedAt", "result", "workOrderId", "txid"].sort(),
    );
    expect(row).toMatchObject({ status: "recorded", customerName: "赵女士", result: "", repliedAt: null });
    const keeperRows = feedRows(await pullCaughtUp(keeper.caller, keeperPhone, t.db), "myComplaints");
    expect(keeperRows.map((r) => r.id)).toEqual([theirs.id]);

    // classified at the desk: the lineman's phone gets the new state at its next pull
    await cs.caller.complaints.classify({
      complaintId: mine.id,
      version: 1,
      category: "staff_attitude",
      severity: "normal",
      department: "customer_service",
      keyCustomerId: null,
    });
    const later = feedRows(await pullCaughtUp(lineman.caller, phone, t.db), "myComplaints");
    expect(later.filter((r) => r.id === mine.id).at(-1)).toMatchObject({ status: "classified" });
  });
});
