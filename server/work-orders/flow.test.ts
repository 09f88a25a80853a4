import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles, users, workOrderPhotos } from "@/db/schema";
import { evidenceHash } from "@/domain/evidence/canonical";
import { signoffEvidenceHash } from "@/server/audit/verify";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { auditOf, batch, deviceRow, envelope, feedRows, newDevice, pullCaughtUp, resultsOf } from "@/tests/helpers/sync";
import {
  checkEquipment,
  checksOf,
  customerSign,
  eventsOf,
  latestRegistryVersion,
  makeWorkOrder,
  pngOfSize,
  selfCheck,
  sha256,
  signoffsOf,
  shownCheck,
  transition,
  workOrderRow,
} from "@/tests/helpers/work-orders";

describe("a work order at the customer's site, through the outbox", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;
  let linemanName: string;
  let service: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId, displayName: linemanName },
    } = await login(t.db, "lineman", "lineman-demo"));
    ({ caller: service } = await login(t.db, "service", "service-demo"));
  });
  afterAll(async () => t?.close());

  it("assigned → en route → on site → checked → self-check → signed → closed; events, facts, evidence, audit, pull, detail", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const version = await latestRegistryVersion(t.db);
    expect(version).not.toBeNull();
    const photo = { mime: "image/jpeg" as const, base64: Buffer.from("label photo").toString("base64") };
    const check = checkEquipment(d, 3, { workOrderId: wo.id, clientRegistryVersion: version, photo });
    const selfPng = pngOfSize(1800);
    const png = pngOfSize(5000);
    // the customer is shown the check as the phone has it, which is what the server records
    const sign = customerSign({ deviceId: d, seq: 5, userId: linemanId, workOrder: wo, linemanName, png, checks: [shownCheck(check)] });
    const ms = [
      transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 }),
      transition(d, 2, wo.id, "on_site", { from: "en_route", version: 2 }),
      check,
      selfCheck(d, 4, wo.id, "install", selfPng),
      sign,
      transition(d, 6, wo.id, "closed", { from: "signed", version: 5 }),
      envelope(d, 7, "workOrder.addPhoto", { workOrderId: wo.id, photo: { mime: "image/jpeg", base64: Buffer.from("site").toString("base64") } }),
    ];
    const answer = await lineman.sync.push(batch(d, ...ms.slice(0, 6)));
    expect(answer.results.map((r) => [r.seq, r.status, r.reasonCode])).toEqual(ms.slice(0, 6).map((m) => [m.seq, "applied", null]));
    expect(answer.lastAppliedSeq).toBe(6);

    const row = await workOrderRow(t.db, wo.id);
    expect(row).toMatchObject({ status: "closed", version: 6 });
    expect(row.closedAt).toBeInstanceOf(Date);
    const events = await eventsOf(t.db, wo.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.versionAfter, e.actorId, e.deviceId])).toEqual([
      ["assigned", "en_route", 2, linemanId, d],
      ["en_route", "on_site", 3, linemanId, d],
      ["on_site", "work_done", 4, linemanId, d],
      ["work_done", "signed", 5, linemanId, d],
      ["signed", "closed", 6, linemanId, d],
    ]);
    expect(events.map((e) => e.mutationId)).toEqual([ms[0], ms[1], ms[3], ms[4], ms[5]].map((m) => m!.mutationId));

    const [c] = await checksOf(t.db, wo.id);
    expect(c).toMatchObject({
      id: (check.args as { checkId: string }).checkId,
      labelKind: "license_old",
      licenseNo: "00-D710-208870",
      clientResult: "valid",
      serverResult: "valid",
      clientRegistryVersion: version,
      serverRegistryVersion: version,
      outcome: "connected",
      photoSha256: sha256(Buffer.from("label photo")),
    });

    const [self, signed] = await signoffsOf(t.db, wo.id);
    expect(self).toMatchObject({
      kind: "self_check",
      signerName: linemanName,
      signatureSha256: sha256(selfPng),
      // what the lineman was shown: no PBX line for a telephone
      checklist: { line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true },
    });
    expect(signed).toMatchObject({
      kind: "customer_signed",
      signerName: "张伟",
      ratingAttitude: 5,
      ratingOnTime: 4,
      comment: "很满意",
      signatureSha256: sha256(png),
      evidenceHash: (sign.args as { evidenceHash: string }).evidenceHash,
      actorId: linemanId,
      deviceId: d,
    });
    expect(signed!.strokes).toEqual((sign.args as { signature: { strokes: unknown } }).signature.strokes);
    expect(signed!.clientTime?.toISOString()).toBe(sign.clientTime);
    expect(signed!.serverTime.getTime()).toBeGreaterThanOrEqual(signed!.clientTime!.getTime() - 1000);
    // what the server stored recomputes to the same hash (as the audit verifier does)
    expect(signoffEvidenceHash(signed!)).toBe(signed!.evidenceHash);
    expect(
      evidenceHash({
        snapshot: signed!.snapshot as Record<string, unknown>,
        signatureSha256: sha256(png),
        signerName: "张伟",
        userId: linemanId,
        deviceId: d,
        clientTime: sign.clientTime,
      }),
    ).toBe(signed!.evidenceHash);
    // the signature images are stored once, by content
    for (const b of [png, selfPng]) {
      const files = await t.db
        .select({ size: evidenceFiles.size, mime: evidenceFiles.mime })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha256(b)));
      expect(files).toEqual([{ size: b.length, mime: "image/png" }]);
    }

    const audit = await auditOf(t.db, wo.id);
    expect(audit.map((a) => a.name)).toEqual([
      "workOrder.statusChanged",
      "workOrder.statusChanged",
      "workOrder.equipmentChecked",
      "workOrder.selfChecked",
      "workOrder.customerSigned",
      "workOrder.statusChanged",
    ]);
    expect(audit[4]!.payload).toMatchObject({
      code: wo.code,
      from: "work_done",
      to: "signed",
      evidenceHash: signed!.evidenceHash,
      mutationId: sign.mutationId,
      deviceId: d,
    });
    expect(audit.every((a) => a.hash && a.chainSeq)).toBe(true);

    // a photo after closing is refused (work is over), and the queue moves on
    const late = await lineman.sync.push(batch(d, ms[6]!));
    expect(late.results[0]).toMatchObject({ status: "rejected", reasonCode: "precondition_failed", details: { status: "closed" } });
    expect(await t.db.select().from(workOrderPhotos).where(eq(workOrderPhotos.workOrderId, wo.id))).toEqual([]);
    expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(7);

    // the phone's pull brings the facts of its own work orders
    const pages = await pullCaughtUp(lineman, d, t.db);
    const page = {
      workOrders: feedRows(pages, "workOrders"),
      equipmentChecks: feedRows(pages, "equipmentChecks"),
      signoffs: feedRows(pages, "signoffs"),
      workOrderEvents: feedRows(pages, "workOrderEvents"),
      licenses: feedRows(pages, "licenses"),
      licenseImports: feedRows(pages, "licenseImports"),
      rejections: pages.at(-1)!.rejections,
    };
    expect(page.workOrders.find((w) => w.id === wo.id)).toMatchObject({ status: "closed", version: 6, statusReason: "" });
    expect(page.equipmentChecks.filter((x) => x.workOrderId === wo.id).map((x) => x.id)).toEqual([c!.id]);
    expect(page.signoffs.filter((x) => x.workOrderId === wo.id).map((x) => x.kind)).toEqual(["self_check", "customer_signed"]);
    expect(page.signoffs.find((x) => x.kind === "customer_signed")).not.toHaveProperty("strokes");
    expect(page.workOrderEvents.filter((x) => x.workOrderId === wo.id).map((x) => [x.toStatus, x.actorName])).toEqual(
      ["en_route", "on_site", "work_done", "signed", "closed"].map((s) => [s, linemanName]),
    );
    expect(page.licenses.map((l) => l.licenseNo)).toContain("00-D710-208870");
    expect(page.licenses.find((l) => l.licenseNo === "00-D710-208870")).toMatchObject({ model: "HWCD868", markCode: "20240301000208870" });
    expect(page.licenseImports.map((i) => i.importedAt.toISOString())).toContain(version);
    expect(page.rejections.map((r) => r.seq)).toEqual([7]);

    // the detail: lineman and office see the same record, without strokes
    const detail = await lineman.workOrders.get({ workOrderId: wo.id });
    expect(detail.workOrder).toMatchObject({ id: wo.id, status: "closed", assigneeName: linemanName });
    expect(detail.checks.map((x) => [x.id, x.verdict, x.recheckChanged])).toEqual([[c!.id, "valid", false]]);
    expect(detail.signoffs.map((s) => s.kind)).toEqual(["self_check", "customer_signed"]);
    expect(detail.signoffs[1]).not.toHaveProperty("strokes");
    expect(detail.events.map((e) => e.toStatus)).toEqual(["en_route", "on_site", "work_done", "signed", "closed"]);
    expect(detail.events[0]!.actorName).toBe(linemanName);
    expect(await service.workOrders.get({ workOrderId: wo.id })).toEqual(detail);
  });

  it("a duplicate delivery of the whole batch answers the same and records nothing twice", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const check = checkEquipment(d, 1, { workOrderId: wo.id });
    const self = selfCheck(d, 2, wo.id);
    const sign = customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, linemanName });
    const first = await lineman.sync.push(batch(d, check, self, sign));
    expect(first.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(await lineman.sync.push(batch(d, check, self, sign))).toEqual(first);
    expect(await checksOf(t.db, wo.id)).toHaveLength(1);
    expect(await signoffsOf(t.db, wo.id)).toHaveLength(2);
    expect(await eventsOf(t.db, wo.id)).toHaveLength(2);
    expect(await auditOf(t.db, wo.id, "workOrder.customerSigned")).toHaveLength(1);
  });

  it("the same check or signature re-issued under a new mutation id is already_in_state, not a second record", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const check = checkEquipment(d, 1, { workOrderId: wo.id });
    const sign = customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, linemanName });
    await lineman.sync.push(batch(d, check, selfCheck(d, 2, wo.id), sign));
    const againCheck = envelope(d, 4, "workOrder.checkEquipment", check.args);
    const againSign = { ...sign, seq: 5, mutationId: envelope(d, 5, "x", {}).mutationId };
    const answer = await lineman.sync.push(batch(d, againCheck, againSign));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["already_in_state", null],
      ["already_in_state", null],
    ]);
    expect(await checksOf(t.db, wo.id)).toHaveLength(1);
    expect((await signoffsOf(t.db, wo.id)).filter((s) => s.kind === "customer_signed")).toHaveLength(1);
    expect((await workOrderRow(t.db, wo.id)).status).toBe("signed");
    expect(await resultsOf(t.db, d)).toHaveLength(5);
  });

  it("concurrent batches touching the same orders in opposite order neither deadlock nor lose a change", async () => {
    const a = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const b = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const d1 = await newDevice(lineman);
    const d2 = await newDevice(lineman);
    for (let round = 0; round < 8; round++) {
      const seq = round * 2 + 1;
      const [x, y] = await Promise.all([
        lineman.sync.push(batch(d1, checkEquipment(d1, seq, { workOrderId: a.id }), checkEquipment(d1, seq + 1, { workOrderId: b.id }))),
        lineman.sync.push(batch(d2, checkEquipment(d2, seq, { workOrderId: b.id }), checkEquipment(d2, seq + 1, { workOrderId: a.id }))),
      ]);
      expect([...x.results, ...y.results].map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
    }
    expect(await checksOf(t.db, a.id)).toHaveLength(16);
    expect(await checksOf(t.db, b.id)).toHaveLength(16);
  });

  it("a check id reused for another work order is bad_input", async () => {
    const d = await newDevice(lineman);
    const a = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const b = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const check = checkEquipment(d, 1, { workOrderId: a.id });
    const other = envelope(d, 2, "workOrder.checkEquipment", { ...(check.args as object), workOrderId: b.id });
    const answer = await lineman.sync.push(batch(d, check, other));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["rejected", "bad_input"],
    ]);
    expect(await checksOf(t.db, b.id)).toEqual([]);
  });

  it("transitions are compare-and-set: already there, stale with who and when, invalid for the actor", async () => {
    const d = await newDevice(lineman);
    const d2 = await newDevice(lineman, "the lineman's other phone");
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    await lineman.sync.push(batch(d, transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 })));
    // the other phone also said en route: already there
    const again = await lineman.sync.push(batch(d2, transition(d2, 1, wo.id, "en_route", { from: "assigned", version: 1 })));
    expect(again.results.map((r) => [r.status, r.reasonCode])).toEqual([["already_in_state", null]]);
    expect(again.results[0]!.details).toEqual({ current: { status: "en_route", version: 2 } });
    expect((await lineman.sync.push(batch(d, transition(d, 2, wo.id, "on_site", { from: "en_route", version: 2 })))).results[0]).toMatchObject({
      status: "applied",
    });
    const answer = await lineman.sync.push(
      batch(
        d2,
        // made on the other phone before the on-site change arrived: stale
        transition(d2, 2, wo.id, "assigned", { from: "en_route", version: 2 }),
        // a lineman never cancels
        transition(d2, 3, wo.id, "cancelled", { from: "on_site", version: 3 }, "不想去"),
        // work done only with the self-check
        transition(d2, 4, wo.id, "work_done", { from: "on_site", version: 3 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "stale"],
      ["rejected", "invalid_transition"],
      ["rejected", "invalid_transition"],
    ]);
    expect(answer.results[0]!.details).toMatchObject({ current: { status: "on_site", version: 3 }, seenVersion: 2, changedBy: linemanName });
    expect(typeof (answer.results[0]!.details as { changedAt: unknown }).changedAt).toBe("string");
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "on_site", version: 3 });
  });

  it("stale is the version the phone saw (issue 11): en route → assigned → en route on another phone makes a change made on en route stale", async () => {
    const d = await newDevice(lineman);
    const d2 = await newDevice(lineman, "the lineman's other phone");
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    await lineman.sync.push(batch(d, transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 })));
    await lineman.sync.push(
      batch(d2, transition(d2, 1, wo.id, "assigned", { from: "en_route", version: 2 }), transition(d2, 2, wo.id, "en_route", { from: "assigned", version: 3 })),
    );
    const answer = await lineman.sync.push(batch(d, transition(d, 2, wo.id, "on_site", { from: "en_route", version: 2 })));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "stale",
      details: { current: { status: "en_route", version: 4 }, seenVersion: 2 },
    });
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "en_route", version: 4 });
  });

  it("re-assigned to another lineman and back while the phone was offline: its queued step is stale (the status never changed)", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const [other] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "lineman2"));
    await service.workOrders.assign({ workOrderId: wo.id, assigneeId: other!.id, version: 1 });
    await service.workOrders.assign({ workOrderId: wo.id, assigneeId: linemanId, version: 2 });
    const answer = await lineman.sync.push(batch(d, transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 })));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "stale",
      details: { current: { status: "assigned", version: 3 }, seenVersion: 1 },
    });
  });

  it("the phone's own queued steps never make its next step stale, whether it sent the predicted version or the synced one", async () => {
    const d = await newDevice(lineman);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const answer = await lineman.sync.push(
      batch(
        d,
        transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 }),
        transition(d, 2, wo.id, "assigned", { from: "en_route", version: 2 }),
        // an old outbox that sent the last synced state for its third step
        transition(d, 3, wo.id, "on_site", { from: "assigned", version: 1 }),
      ),
    );
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "on_site", version: 4 });
  });

  it("the office does not change orders through the outbox (the desk's version-checked procedures are its one way)", async () => {
    const d = await newDevice(service);
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId });
    const answer = await service.sync.push(
      batch(
        d,
        transition(d, 1, wo.id, "cancelled", { from: "assigned", version: 1 }, "客户取消"),
        transition(d, 2, wo.id, "en_route", { from: "assigned", version: 1 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "not_allowed"],
      ["rejected", "not_allowed"],
    ]);
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "assigned", version: 1 });
    // the desk cancels with its reason
    await service.workOrders.cancel({ workOrderId: wo.id, version: 1, reason: "客户取消" });
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "cancelled", statusReason: "客户取消" });
  });
});
