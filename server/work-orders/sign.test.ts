import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles } from "@/db/schema";
import { MAX_BATCH_BYTES, MAX_SINGLE_MUTATION_BYTES } from "@/domain/sync/protocol";
import { MAX_SIGNATURE_BYTES } from "@/domain/work-orders/mutations";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditOf, batch, deviceRow, newDevice } from "@/tests/helpers/sync";
import {
  checkEquipment,
  customerRefuse,
  shownCheck,
  customerSign,
  eventsOf,
  makeWorkOrder,
  pngOfSize,
  selfCheck,
  sha256,
  signoffsOf,
  transition,
  workOrderRow,
} from "@/tests/helpers/work-orders";

describe("the customer's signature", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId },
    } = await login(t.db, "lineman", "lineman-demo"));
  });
  afterAll(async () => t?.close());

  /** A work order done and self-checked by the lineman on device d (seq 1 used). */
  async function doneOn(d: string) {
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const answer = await lineman.sync.push(batch(d, selfCheck(d, 1, wo.id)));
    expect(answer.results[0]).toMatchObject({ status: "applied" });
    return workOrderRow(t.db, wo.id);
  }

  async function nothingStored(woId: string, png: Buffer) {
    expect((await workOrderRow(t.db, woId)).status).toBe("work_done");
    expect((await signoffsOf(t.db, woId)).map((s) => s.kind)).toEqual(["self_check"]);
    expect(
      await t.db
        .select({ sha: evidenceFiles.sha256 })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha256(png))),
    ).toEqual([]);
    expect(await auditOf(t.db, woId, "workOrder.customerSigned")).toEqual([]);
  }

  it(`a signature of exactly ${MAX_SIGNATURE_BYTES / 1024} KB goes through on its own, although larger than a batch`, async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const png = pngOfSize(MAX_SIGNATURE_BYTES);
    const m = customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, png });
    expect(Buffer.byteLength(JSON.stringify(batch(d, m)))).toBeGreaterThan(MAX_BATCH_BYTES);
    const answer = await lineman.sync.push(batch(d, m));
    expect(answer.results[0]).toMatchObject({ status: "applied", reasonCode: null });
    const files = await t.db
      .select({ size: evidenceFiles.size })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.sha256, sha256(png)));
    expect(files).toEqual([{ size: MAX_SIGNATURE_BYTES }]);
    expect((await workOrderRow(t.db, wo.id)).status).toBe("signed");
  });

  it("one byte over 256 KB: too_large with the limit, nothing stored, the queue moves on", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const png = pngOfSize(MAX_SIGNATURE_BYTES + 1);
    const answer = await lineman.sync.push(batch(d, customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, png })));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "too_large",
      details: { field: "signature", maxBytes: MAX_SIGNATURE_BYTES, bytes: MAX_SIGNATURE_BYTES + 1 },
    });
    expect(answer.lastAppliedSeq).toBe(2);
    await nothingStored(wo.id, png);
  });

  it("far over (the schema's base64 limit): too_large too; beyond what one push may carry: too_large for that change", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const big = pngOfSize(400 * 1024);
    const huge = pngOfSize(MAX_SINGLE_MUTATION_BYTES);
    const a = await lineman.sync.push(batch(d, customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, png: big })));
    expect(a.results[0]).toMatchObject({ status: "rejected", reasonCode: "too_large", details: { field: "signature", maxBytes: MAX_SIGNATURE_BYTES } });
    const b = await lineman.sync.push(batch(d, customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, png: huge })));
    expect(b.results[0]).toMatchObject({ status: "rejected", reasonCode: "too_large", details: { maxBytes: MAX_SINGLE_MUTATION_BYTES } });
    expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(3);
    await nothingStored(wo.id, big);
    await nothingStored(wo.id, huge);
  });

  it("a large signature with another change in one batch is refused whole (the phone sends it alone)", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const m = customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, png: pngOfSize(MAX_SIGNATURE_BYTES) });
    const shape = await expectAppError(
      lineman.sync.push(batch(d, transition(d, 2, wo.id, "on_site", { from: "work_done", version: 2 }), m)),
      "batch_too_large",
    );
    expect(shape.data.details).toEqual({ maxBytes: MAX_BATCH_BYTES });
    expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(1);
  });

  it("not a PNG: bad_input", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    const answer = await lineman.sync.push(batch(d, customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, png: jpeg })));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
    await nothingStored(wo.id, jpeg);
  });

  describe("evidence: the server recomputes the hash; any difference is evidence_mismatch and nothing is stored", () => {
    const cases: [string, string, (o: { d: string; wo: Awaited<ReturnType<typeof makeWorkOrder>>; png: Buffer }) => Parameters<typeof customerSign>[0]][] = [
      [
        "the signer's name changed after capture",
        "evidenceHash",
        (o) => ({ deviceId: o.d, seq: 2, userId: linemanId, workOrder: o.wo, png: o.png, tamper: (a) => void (a.signerName = "李四") }),
      ],
      [
        "another image than the one hashed",
        "evidenceHash",
        (o) => ({
          deviceId: o.d,
          seq: 2,
          userId: linemanId,
          workOrder: o.wo,
          png: o.png,
          tamper: (a) => void (a.signature = { mime: "image/png", base64: pngOfSize(900).toString("base64"), strokes: [] }),
        }),
      ],
      [
        "what the customer was shown changed",
        "evidenceHash",
        (o) => ({
          deviceId: o.d,
          seq: 2,
          userId: linemanId,
          workOrder: o.wo,
          png: o.png,
          tamper: (a) => void ((a.snapshot as { address: string }).address = "别处"),
        }),
      ],
      [
        "hashed for another user",
        "evidenceHash",
        (o) => ({ deviceId: o.d, seq: 2, userId: "00000000-0000-4000-8000-000000000000", workOrder: o.wo, png: o.png }),
      ],
      [
        "the snapshot of another work order",
        "workOrderId",
        (o) => ({
          deviceId: o.d,
          seq: 2,
          userId: linemanId,
          workOrder: { ...o.wo, id: "00000000-0000-4000-8000-000000000001" },
          png: o.png,
          tamper: (a) => void (a.workOrderId = o.wo.id),
        }),
      ],
      [
        "ratings other than those signed",
        "evaluation",
        (o) => ({ deviceId: o.d, seq: 2, userId: linemanId, workOrder: o.wo, png: o.png, tamper: (a) => void (a.ratings = { attitude: 1, onTime: 1 }) }),
      ],
      [
        "a snapshot that is not one",
        "snapshot",
        (o) => ({ deviceId: o.d, seq: 2, userId: linemanId, workOrder: o.wo, png: o.png, tamper: (a) => void (a.snapshot = { anything: true }) }),
      ],
    ];
    it.each(cases)("%s (%s)", async (_what, field, build) => {
      const d = await newDevice(lineman);
      const wo = await doneOn(d);
      const png = pngOfSize(1500);
      const answer = await lineman.sync.push(batch(d, customerSign(build({ d, wo, png }))));
      expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "evidence_mismatch", details: { field } });
      await nothingStored(wo.id, png);
    });

    it("hashed with another time than the envelope's", async () => {
      const d = await newDevice(lineman);
      const wo = await doneOn(d);
      const m = customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo, clientTime: "2026-11-25T08:00:00.000Z" });
      const answer = await lineman.sync.push(batch(d, { ...m, clientTime: "2026-11-25T08:00:00.001Z" }));
      expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "evidence_mismatch", details: { field: "evidenceHash" } });
    });

    it("sent from another device than the one in the hash", async () => {
      const d = await newDevice(lineman);
      const other = await newDevice(lineman);
      const wo = await doneOn(d);
      const m = customerSign({ deviceId: d, seq: 1, userId: linemanId, workOrder: wo });
      const answer = await lineman.sync.push(batch(other, { ...m, deviceId: other }));
      expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "evidence_mismatch" });
    });
  });

  it("needs the self-check: on site, or work done without one on record, is self_check_required", async () => {
    const d = await newDevice(lineman);
    const onSite = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const noSelf = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "work_done" });
    const answer = await lineman.sync.push(
      batch(
        d,
        customerSign({ deviceId: d, seq: 1, userId: linemanId, workOrder: onSite }),
        customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: noSelf }),
        customerRefuse(d, 3, noSelf.id),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "self_check_required"],
      ["rejected", "self_check_required"],
      ["rejected", "self_check_required"],
    ]);
  });

  it("the customer refuses, with the reason; then changes their mind and signs", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const refuse = customerRefuse(d, 2, wo.id, "对收费有异议");
    const answer = await lineman.sync.push(batch(d, refuse, customerRefuse(d, 3, wo.id, "again")));
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "already_in_state"]);
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "refused_to_sign", statusReason: "对收费有异议", version: 3 });
    expect((await signoffsOf(t.db, wo.id)).map((s) => [s.kind, s.refusalReason])).toEqual([
      ["self_check", ""],
      ["customer_refused", "对收费有异议"],
    ]);
    expect((await auditOf(t.db, wo.id, "workOrder.customerRefused"))[0]!.payload).toMatchObject({
      reason: "对收费有异议",
      from: "work_done",
      to: "refused_to_sign",
    });

    const back = await lineman.sync.push(
      batch(
        d,
        transition(d, 4, wo.id, "work_done", { from: "refused_to_sign", version: 3 }),
        customerSign({ deviceId: d, seq: 5, userId: linemanId, workOrder: wo }),
      ),
    );
    expect(back.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await workOrderRow(t.db, wo.id)).toMatchObject({ status: "signed", statusReason: "", version: 5 });
    expect((await eventsOf(t.db, wo.id)).map((e) => e.toStatus)).toEqual(["work_done", "refused_to_sign", "work_done", "signed"]);
  });

  it("a second, different signature on a signed order is invalid_transition", async () => {
    const d = await newDevice(lineman);
    const wo = await doneOn(d);
    const answer = await lineman.sync.push(
      batch(
        d,
        customerSign({ deviceId: d, seq: 2, userId: linemanId, workOrder: wo }),
        customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: wo, signerName: "另一人" }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["rejected", "invalid_transition"],
    ]);
    expect((await signoffsOf(t.db, wo.id)).filter((s) => s.kind === "customer_signed")).toHaveLength(1);
  });

  describe("what the customer was shown against the record", () => {
    it("the same equipment as on record: applied, nothing flagged", async () => {
      const d = await newDevice(lineman);
      const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
      const good = checkEquipment(d, 1, { workOrderId: wo.id });
      const row = await workOrderRow(t.db, wo.id);
      const answer = await lineman.sync.push(
        batch(d, good, selfCheck(d, 2, wo.id), customerSign({ deviceId: d, seq: 3, userId: linemanId, workOrder: row, checks: [shownCheck(good)] })),
      );
      expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
        ["applied", null],
        ["applied", null],
        ["applied", null],
      ]);
      const [audit] = await auditOf(t.db, wo.id, "workOrder.customerSigned");
      expect(audit!.payload).not.toHaveProperty("summaryDifferences");
    });

    it("a check the server refused was in the signed summary: the signature is kept, flagged for follow-up, and the chain says so", async () => {
      const d = await newDevice(lineman);
      const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
      const good = checkEquipment(d, 1, { workOrderId: wo.id });
      // a label the registry does not know, connected anyway by a phone that thought it valid: refused by the server
      const bad = checkEquipment(d, 2, {
        workOrderId: wo.id,
        label: { kind: "license_old", licenseNo: "00-D710-999999", model: "HWCD868", scrambleCode: null },
        serial: "SN-0002",
      });
      const row = await workOrderRow(t.db, wo.id);
      const sign = customerSign({ deviceId: d, seq: 4, userId: linemanId, workOrder: row, checks: [shownCheck(good), shownCheck(bad)] });
      const answer = await lineman.sync.push(batch(d, good, bad, selfCheck(d, 3, wo.id), sign));
      expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
        ["applied", null],
        ["rejected", "check_failed_cannot_connect"],
        ["applied", null],
        ["applied", "signed_summary_differs"],
      ]);
      const differences = [{ checkId: shownCheck(bad).id, kind: "not_recorded" }];
      expect(answer.results[3]!.details).toEqual({ workOrderId: wo.id, workOrderCode: wo.code, differences });
      expect((await workOrderRow(t.db, wo.id)).status).toBe("signed");
      const [audit] = await auditOf(t.db, wo.id, "workOrder.customerSigned");
      expect(audit!.payload).toMatchObject({ summaryDifferences: differences });
      // on "Needs attention" until dismissed
      const page = await lineman.sync.pull({ deviceId: d, cursor: "0" });
      expect(page.rejections).toEqual(
        expect.arrayContaining([expect.objectContaining({ mutationId: sign.mutationId, status: "applied", reasonCode: "signed_summary_differs" })]),
      );
    });
  });
});
