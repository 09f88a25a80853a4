import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAll } from "@/server/audit/verify";
import { renderWorkOrderRecord } from "@/server/work-orders/pdf";
import { loadWorkOrderRecord } from "@/server/work-orders/pdf-data";
import { login, type LoggedIn } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { batch, envelope, newDevice } from "@/tests/helpers/sync";
import {
  checkEquipment,
  customerSign,
  shownCheck,
  latestRegistryVersion,
  makeWorkOrder,
  pngOfSize,
  selfCheck,
  sha256,
  transition,
} from "@/tests/helpers/work-orders";

/**
 * The tamper-evident records against what the real handlers write: a work order done through the phone's outbox
 * (sync.push → server/work-orders/*) verifies, prints with its evidence hash recomputing, and a signature tampered
 * with afterwards is found by the verifier and printed as not recomputing.
 */
describe("a work order done through the outbox", () => {
  let t: TestDb;
  let lineman: LoggedIn;
  let service: LoggedIn;
  let wo: Awaited<ReturnType<typeof makeWorkOrder>>;
  let signaturePng: Buffer;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    lineman = await login(t.db, "lineman", "lineman-demo");
    service = await login(t.db, "service", "service-demo");
    const d = await newDevice(lineman.caller);
    wo = await makeWorkOrder(t.db, { assignedTo: lineman.user.id, code: "WO-2026-031415" });
    signaturePng = pngOfSize(4000);
    const photo = { mime: "image/jpeg" as const, base64: Buffer.from("label photo").toString("base64") };
    const check = checkEquipment(d, 3, { workOrderId: wo.id, clientRegistryVersion: await latestRegistryVersion(t.db), photo });
    const answer = await lineman.caller.sync.push(
      batch(
        d,
        transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 }),
        transition(d, 2, wo.id, "on_site", { from: "en_route", version: 2 }),
        check,
        selfCheck(d, 4, wo.id, "install"),
        envelope(d, 5, "workOrder.addPhoto", {
          workOrderId: wo.id,
          photo: { mime: "image/jpeg", base64: Buffer.from("site").toString("base64") },
          caption: "机房 / equipment room",
        }),
        customerSign({
          deviceId: d,
          seq: 6,
          userId: lineman.user.id,
          workOrder: wo,
          linemanName: lineman.user.displayName,
          png: signaturePng,
          checks: [shownCheck(check)],
        }),
        transition(d, 7, wo.id, "closed", { from: "signed", version: 5 }),
      ),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual(Array.from({ length: 7 }, () => ["applied", null]));
  });
  afterAll(async () => t?.close());

  it("verifies: chain, files, and the customer's evidence hash recomputed and matching the audit log", async () => {
    const r = await verifyAll(t.db);
    expect(r.chain.firstBreak).toBeNull();
    expect(r.evidence.firstProblem).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.evidence.signoffs).toBe(1);
    expect(r.chain.count).toBeGreaterThanOrEqual(9);
  });

  it("prints the record from the stored facts, with the evidence hash recomputing", async () => {
    const record = await loadWorkOrderRecord({ db: t.db, user: service.user, workOrderId: wo.id });
    const out = pdfText(await renderWorkOrderRecord(record!, { compress: false }));
    for (const s of [
      "WO-2026-031415",
      "00-D710-208870",
      "按存储记录重新计算：相符",
      "客户签字 Customer signed",
      "自检签字 Self-check signed",
      "添加照片 Photo added",
      "机房 / equipment room",
      "已关闭 Closed",
      record!.customer!.row.evidenceHash!,
    ]) {
      expect(out.text, s).toContain(s);
    }
  });

  it("a signature image replaced afterwards is found, and the record says its evidence no longer recomputes", async () => {
    const sig = sha256(signaturePng);
    await t.asOwner(async (owner) => {
      await owner.execute(sql`ALTER TABLE evidence_files DISABLE TRIGGER USER`);
      await owner.execute(sql`UPDATE evidence_files SET data = ${Buffer.from(pngOfSize(4000))} WHERE sha256 = ${sig}`);
      await owner.execute(sql`ALTER TABLE evidence_files ENABLE TRIGGER USER`);
    });
    expect((await verifyAll(t.db)).evidence.firstProblem).toEqual({ kind: "file_changed", sha256: sig });
    await t.asOwner(async (owner) => {
      await owner.execute(sql`ALTER TABLE work_order_signoffs DISABLE TRIGGER USER`);
      await owner.execute(sql`UPDATE work_order_signoffs SET signer_name = '李四' WHERE work_order_id = ${wo.id} AND kind = 'customer_signed'`);
      await owner.execute(sql`ALTER TABLE work_order_signoffs ENABLE TRIGGER USER`);
    });
    const record = await loadWorkOrderRecord({ db: t.db, user: service.user, workOrderId: wo.id });
    expect(pdfText(await renderWorkOrderRecord(record!, { compress: false })).text).toContain("按存储记录重新计算：不相符");
  });
});
