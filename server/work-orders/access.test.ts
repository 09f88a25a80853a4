import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workOrderPhotos, workOrders } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditOf, batch, envelope, feedRows, newDevice, pullCaughtUp } from "@/tests/helpers/sync";
import {
  checkEquipment,
  checksOf,
  customerRefuse,
  customerSign,
  eventsOf,
  makeWorkOrder,
  selfCheck,
  signoffsOf,
  transition,
  workOrderRow,
} from "@/tests/helpers/work-orders";

/** Object-level rules: a lineman sees and changes only the work orders assigned to them. */
describe("work orders belong to their lineman", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;
  let other: Caller;
  let otherId: string;
  let keeper: Caller;
  let service: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId },
    } = await login(t.db, "lineman", "lineman-demo"));
    ({
      caller: other,
      user: { id: otherId },
    } = await login(t.db, "lineman2", "lineman2-demo"));
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: service } = await login(t.db, "service", "service-demo"));
  });
  afterAll(async () => t?.close());

  it("workOrders.get: another lineman's order is not_found, exactly like one that does not exist", async () => {
    const mine = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const theirs = await makeWorkOrder(t.db, { assignedTo: otherId });
    expect((await lineman.workOrders.get({ workOrderId: mine.id })).workOrder.id).toBe(mine.id);
    const a = await expectAppError(lineman.workOrders.get({ workOrderId: theirs.id }), "not_found");
    const b = await expectAppError(lineman.workOrders.get({ workOrderId: randomUUID() }), "not_found");
    expect(a.data.details).toEqual(b.data.details);
    expect(a.message).toBe(b.message);
    // the office desk sees any; a keeper has no business with work orders at all
    expect((await service.workOrders.get({ workOrderId: theirs.id })).workOrder.id).toBe(theirs.id);
    await expectAppError(keeper.workOrders.get({ workOrderId: mine.id }), "forbidden");
  });

  it("listMine and the pull hold only the lineman's own orders and their facts", async () => {
    const theirs = await makeWorkOrder(t.db, { assignedTo: otherId, status: "on_site" });
    const d2 = await newDevice(other);
    await other.sync.push(
      batch(d2, checkEquipment(d2, 1, { workOrderId: theirs.id }), transition(d2, 2, theirs.id, "assigned", { from: "on_site", version: 1 })),
    );
    expect((await lineman.workOrders.listMine()).map((w) => w.id)).not.toContain(theirs.id);
    const d = await newDevice(lineman);
    const pages = await pullCaughtUp(lineman, d, t.db);
    expect(feedRows(pages, "workOrders").map((w) => w.id)).not.toContain(theirs.id);
    expect(feedRows(pages, "equipmentChecks").map((c) => c.workOrderId)).not.toContain(theirs.id);
    expect(feedRows(pages, "workOrderEvents").map((e) => e.workOrderId)).not.toContain(theirs.id);
    const theirPages = await pullCaughtUp(other, d2, t.db);
    expect(feedRows(theirPages, "equipmentChecks").map((c) => c.workOrderId)).toContain(theirs.id);
    // a keeper's phone gets no work-order feeds and no registry
    const dk = await newDevice(keeper);
    const keeperPages = await pullCaughtUp(keeper, dk, t.db);
    for (const key of ["workOrders", "licenses", "equipmentChecks", "signoffs", "workOrderEvents"] as const)
      expect(feedRows(keeperPages, key), key).toEqual([]);
  });

  it("push: every work-order mutation on another lineman's order is not_allowed, as on an order that does not exist; nothing is written", async () => {
    const theirs = await makeWorkOrder(t.db, { assignedTo: otherId, status: "on_site" });
    const done = await makeWorkOrder(t.db, { assignedTo: otherId, status: "work_done" });
    const d = await newDevice(lineman);
    const photo = { mime: "image/jpeg", base64: Buffer.from("x").toString("base64") };
    const attempts = (id: string, doneId: string, from: number) => [
      transition(d, from, id, "assigned", { from: "on_site", version: 1 }),
      checkEquipment(d, from + 1, { workOrderId: id }),
      selfCheck(d, from + 2, id),
      customerSign({ deviceId: d, seq: from + 3, userId: linemanId, workOrder: { ...done, id: doneId } }),
      customerRefuse(d, from + 4, doneId),
      envelope(d, from + 5, "workOrder.addPhoto", { workOrderId: id, photo }),
    ];
    const answer = await lineman.sync.push(batch(d, ...attempts(theirs.id, done.id, 1)));
    expect(answer.results.map((r) => [r.status, r.reasonCode, r.details])).toEqual(
      attempts(theirs.id, done.id, 1).map(() => ["rejected", "not_allowed", null]),
    );
    const ghost = randomUUID();
    const ghosts = await lineman.sync.push(batch(d, ...attempts(ghost, ghost, 7)));
    expect(ghosts.results.map((r) => [r.status, r.reasonCode, r.details])).toEqual(answer.results.map((r) => [r.status, r.reasonCode, r.details]));

    expect(await workOrderRow(t.db, theirs.id)).toMatchObject({ status: "on_site", version: 1 });
    expect(await workOrderRow(t.db, done.id)).toMatchObject({ status: "work_done", version: 1 });
    expect(await checksOf(t.db, theirs.id)).toEqual([]);
    expect(await signoffsOf(t.db, theirs.id)).toEqual([]);
    expect(await signoffsOf(t.db, done.id)).toEqual([]);
    expect(await eventsOf(t.db, theirs.id)).toEqual([]);
    expect(await auditOf(t.db, theirs.id)).toEqual([]);
    expect((await t.db.select().from(workOrderPhotos)).filter((p) => p.workOrderId === theirs.id)).toEqual([]);
  });

  it("the office may cancel but never records the lineman's facts; an office order that does not exist is not_found", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const d = await newDevice(service);
    const answer = await service.sync.push(
      batch(
        d,
        checkEquipment(d, 1, { workOrderId: wo.id }),
        selfCheck(d, 2, wo.id),
        transition(d, 3, randomUUID(), "cancelled", { from: "assigned", version: 1 }, "x"),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "not_allowed"],
      ["rejected", "not_allowed"],
      ["rejected", "not_found"],
    ]);
    // a keeper is neither: not_allowed even for a cancel
    const dk = await newDevice(keeper);
    const k = await keeper.sync.push(batch(dk, transition(dk, 1, wo.id, "cancelled", { from: "on_site", version: 1 }, "x")));
    expect(k.results[0]).toMatchObject({ status: "rejected", reasonCode: "not_allowed", details: null });
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "on_site", version: 1 });
  });

  it("an order re-assigned away while the phone was offline: the old lineman's queued changes are not_allowed", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const d = await newDevice(lineman);
    const queued = transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 });
    await t.db.update(workOrders).set({ assignedTo: otherId, version: 2 }).where(eq(workOrders.id, wo.id));
    const answer = await lineman.sync.push(batch(d, queued));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("assigned");
  });
});
