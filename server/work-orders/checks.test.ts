import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "uuidv7";
import { equipmentChecks, mutationResults } from "@/db/schema";
import { MAX_PHOTO_BYTES } from "@/domain/items/mutations";
import type { TPbxDetails } from "@/domain/work-orders/equipment";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { auditOf, batch, newDevice, resolveRejection } from "@/tests/helpers/sync";
import { checkEquipment, checksOf, importRegistry, latestRegistryVersion, makeWorkOrder, selfCheck, workOrderRow } from "@/tests/helpers/work-orders";

const pbx = (inspection: "passed" | "failed"): TPbxDetails => ({
  capacity: "8 外线 / 24 分机",
  standard: "GB/T 15279",
  connection: "模拟中继",
  power: "AC 220V + UPS",
  trunkLines: 8,
  inspection,
  inspectionNote: "",
});
const pbxLabel = { kind: "license_old" as const, licenseNo: "03-A511-240178", model: "KX-TES824CN", scrambleCode: null };
const expiredFax = { kind: "license_old" as const, licenseNo: "00-E620-230556", model: "FAX-2890", scrambleCode: null };

describe("customer equipment checks", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;
  let version: string | null;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId },
    } = await login(t.db, "lineman", "lineman-demo"));
    version = await latestRegistryVersion(t.db);
  });
  afterAll(async () => t?.close());

  async function onSite() {
    return makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
  }

  it("failed equipment cannot be marked connected; refused or customer informed is recorded", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const base = { workOrderId: wo.id, equipmentType: "fax" as const, label: expiredFax, equipmentModel: "FAX-2890", clientRegistryVersion: version };
    const connected = checkEquipment(d, 1, { ...base, clientResult: "expired", outcome: "connected" });
    const refused = checkEquipment(d, 2, { ...base, clientResult: "expired", outcome: "refused", note: "许可证已过期" });
    const informed = checkEquipment(d, 3, { ...base, label: { kind: "none" }, equipmentModel: "", clientResult: "unknown", outcome: "customer_informed" });
    const answer = await lineman.sync.push(batch(d, connected, refused, informed));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "check_failed_cannot_connect"],
      ["applied", null],
      ["applied", null],
    ]);
    expect(answer.results[0]!.details).toMatchObject({ clientResult: "expired", serverResult: "expired", governingVerdict: "expired" });
    const rows = await checksOf(t.db, wo.id);
    expect(rows.map((r) => [r.id, r.serverResult, r.outcome])).toEqual([
      [(refused.args as { checkId: string }).checkId, "expired", "refused"],
      [(informed.args as { checkId: string }).checkId, "unknown", "customer_informed"],
    ]);
    expect(rows[0]!.note).toBe("许可证已过期");
  });

  it("a phone claiming a registry version that was never imported, or none at all with a valid verdict, is not believed", async () => {
    const d = await newDevice(lineman);
    const forged = checkEquipment(d, 1, {
      workOrderId: (await onSite()).id,
      equipmentType: "fax",
      label: expiredFax,
      equipmentModel: "",
      clientResult: "valid",
      clientRegistryVersion: "2001-01-01T00:00:00.000Z",
      outcome: "connected",
    });
    const noRegistry = checkEquipment(d, 2, {
      workOrderId: (await onSite()).id,
      equipmentType: "fax",
      label: expiredFax,
      equipmentModel: "",
      clientResult: "valid",
      clientRegistryVersion: null,
      outcome: "connected",
    });
    const answer = await lineman.sync.push(batch(d, forged, noRegistry));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "check_failed_cannot_connect"],
      ["rejected", "check_failed_cannot_connect"],
    ]);
  });

  it("a clock set back before the order existed cannot make an expired license valid", async () => {
    const d = await newDevice(lineman);
    const wo = await onSite();
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    const m = checkEquipment(
      d,
      1,
      {
        workOrderId: wo.id,
        equipmentType: "fax",
        label: expiredFax,
        equipmentModel: "FAX-2890",
        clientResult: "valid",
        clientRegistryVersion: version,
        outcome: "connected",
      },
      { clientTime: longAgo },
    );
    expect((await lineman.sync.push(batch(d, m))).results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "check_failed_cannot_connect",
      details: { serverResult: "expired" },
    });
  });

  it("a phone claiming valid against the same registry the server finds failed: the server's verdict governs", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const lie = checkEquipment(d, 1, {
      workOrderId: wo.id,
      equipmentType: "fax",
      label: expiredFax,
      equipmentModel: "",
      clientResult: "valid",
      clientRegistryVersion: version,
      outcome: "connected",
    });
    const answer = await lineman.sync.push(batch(d, lie));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "check_failed_cannot_connect",
      details: { clientResult: "valid", serverResult: "expired" },
    });
    expect(await checksOf(t.db, wo.id)).toEqual([]);
  });

  it("the model on the label must match the registry's (model_mismatch is a failure)", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const m = checkEquipment(d, 1, {
      workOrderId: wo.id,
      label: { kind: "license_old", licenseNo: "00-D710-208870", model: "HWCD999", scrambleCode: null },
      equipmentModel: "",
      clientResult: "model_mismatch",
      clientRegistryVersion: version,
      outcome: "connected",
    });
    expect((await lineman.sync.push(batch(d, m))).results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "check_failed_cannot_connect",
      details: { serverResult: "model_mismatch" },
    });
  });

  it("the new mark's digital code is looked up too", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const m = checkEquipment(d, 1, {
      workOrderId: wo.id,
      label: { kind: "license_mark", markCode: "20240301000208870" },
      equipmentModel: "HWCD868",
      clientRegistryVersion: version,
    });
    expect((await lineman.sync.push(batch(d, m))).results[0]).toMatchObject({ status: "applied", reasonCode: null });
    expect((await checksOf(t.db, wo.id))[0]).toMatchObject({ labelKind: "license_mark", markCode: "20240301000208870", serverResult: "valid" });
  });

  it("an older build's PBX check (v1/v2, details typed by the lineman) is judged as then; without details the linked application decides", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const base = { workOrderId: wo.id, equipmentType: "pbx" as const, label: pbxLabel, equipmentModel: "KX-TES824CN", clientRegistryVersion: version };
    const ms = [
      // no details and no PBX application linked to the order (ADR 0039 §6)
      checkEquipment(d, 1, base),
      checkEquipment(d, 2, { ...base, pbx: pbx("failed") }),
      checkEquipment(d, 3, { ...base, pbx: pbx("failed"), outcome: "refused" }),
      checkEquipment(d, 4, { ...base, pbx: pbx("passed") }, { schemaVersion: 2 }),
    ];
    const answer = await lineman.sync.push(batch(d, ...ms));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "pbx_inspection_required"],
      ["rejected", "pbx_details_required"],
      ["applied", null],
      ["applied", null],
    ]);
    const rows = await checksOf(t.db, wo.id);
    expect(rows.map((r) => [r.outcome, r.pbx?.inspection])).toEqual([
      ["refused", "failed"],
      ["connected", "passed"],
    ]);
    expect(rows[1]!.pbx).toEqual(pbx("passed"));
    // then the self-check finds everything resolved (the typed inspection counts for the check queued with it)
    const self = await lineman.sync.push(batch(d, selfCheck(d, 5, wo.id)));
    expect(self.results[0]).toMatchObject({ status: "applied" });
  });

  it("checked offline against an older registry, and the server's newer one disagrees: applied, flagged, listed until dismissed", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const old = version;
    // made on the phone against the registry it had: valid, connected
    const check = checkEquipment(d, 1, {
      workOrderId: wo.id,
      equipmentType: "group_phone",
      label: { kind: "license_old", licenseNo: "01-C805-233019", model: "KX-T7730", scrambleCode: null },
      equipmentModel: "KX-T7730",
      clientRegistryVersion: old,
    });
    // meanwhile a new import revoked that license (expired yesterday)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await importRegistry(
      t.db,
      [
        {
          licenseNo: "01-C805-233019",
          markCode: "2023112000233019",
          applicant: "松下电器(中国)有限公司",
          equipmentName: "集团电话",
          model: "KX-T7730",
          issueDate: "2023-01-01",
          expiryDate: yesterday,
        },
      ],
      new Date(Date.now() - 1000),
    );
    const newer = await latestRegistryVersion(t.db);
    expect(newer).not.toBe(old);

    const answer = await lineman.sync.push(batch(d, check));
    expect(answer.results[0]).toMatchObject({
      status: "applied",
      reasonCode: "recheck_changed",
      details: {
        checkId: (check.args as { checkId: string }).checkId,
        workOrderId: wo.id,
        workOrderCode: wo.code,
        label: "01-C805-233019",
        outcome: "connected",
        clientResult: "valid",
        clientRegistryVersion: old,
        serverResult: "expired",
        serverRegistryVersion: newer,
      },
    });
    const [row] = await checksOf(t.db, wo.id);
    expect(row).toMatchObject({
      clientResult: "valid",
      serverResult: "expired",
      outcome: "connected",
      clientRegistryVersion: old,
      serverRegistryVersion: newer,
    });
    expect((await auditOf(t.db, wo.id, "workOrder.equipmentChecked"))[0]!.payload).toMatchObject({ recheckChanged: true });

    // the detail shows which verdict governs, and the flag
    const detail = await lineman.workOrders.get({ workOrderId: wo.id });
    expect(detail.checks[0]).toMatchObject({ verdict: "valid", recheckChanged: true, serverResult: "expired" });
    // the lineman acted on what could be known: the self-check is not blocked by the flag
    expect((await lineman.sync.push(batch(d, selfCheck(d, 2, wo.id)))).results[0]).toMatchObject({ status: "applied" });

    // "Needs attention": listed by every pull until dismissed through the outbox
    const page = await lineman.sync.pull({ deviceId: d, cursor: "0" });
    expect(page.rejections).toEqual([expect.objectContaining({ mutationId: check.mutationId, status: "applied", reasonCode: "recheck_changed", seq: 1 })]);
    const dismiss = resolveRejection(d, 3, check.mutationId, "dismissed");
    expect((await lineman.sync.push(batch(d, dismiss))).results[0]).toMatchObject({ status: "applied" });
    expect((await lineman.sync.pull({ deviceId: d, cursor: "0" })).rejections).toEqual([]);
    const [stored] = await t.db.select().from(mutationResults).where(eq(mutationResults.mutationId, check.mutationId));
    expect(stored).toMatchObject({ status: "applied", reasonCode: "recheck_changed", resolution: "dismissed" });
    // an applied change without a flag has nothing to resolve
    const plain = checkEquipment(d, 4, { workOrderId: (await onSite()).id, clientRegistryVersion: newer });
    await lineman.sync.push(batch(d, plain));
    expect((await lineman.sync.push(batch(d, resolveRejection(d, 5, plain.mutationId)))).results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "not_found",
    });
  });

  it("the same verdict from a newer registry is not flagged; a phone with no registry at all is flagged when it differs", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const same = checkEquipment(d, 1, { workOrderId: wo.id, clientRegistryVersion: "2020-01-01T00:00:00.000Z" });
    // no registry on the phone: it could not know the license, the server does
    const none = checkEquipment(d, 2, { workOrderId: wo.id, clientRegistryVersion: null, clientResult: "unknown", outcome: "customer_informed" });
    const answer = await lineman.sync.push(batch(d, same, none));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["applied", null],
      ["applied", "recheck_changed"],
    ]);
  });

  it("the day of the check decides expiry, not the day of the sync", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site", createdAt: new Date(Date.now() - 90 * 86_400_000) });
    const d = await newDevice(lineman);
    // checked (offline) 60 days ago, when the fax's license (expired 40 days ago) was still in force
    const then = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const m = checkEquipment(
      d,
      1,
      { workOrderId: wo.id, equipmentType: "fax", label: expiredFax, equipmentModel: "FAX-2890", clientRegistryVersion: version },
      { clientTime: then },
    );
    expect((await lineman.sync.push(batch(d, m))).results[0]).toMatchObject({ status: "applied", reasonCode: null });
    expect((await checksOf(t.db, wo.id))[0]).toMatchObject({ serverResult: "valid" });
  });

  it("checks only while the order is worked; a label photo over 180 KB is too_large", async () => {
    const d = await newDevice(lineman);
    const signed = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "signed" });
    const wo = await onSite();
    const big = { mime: "image/jpeg" as const, base64: Buffer.alloc(MAX_PHOTO_BYTES + 4096, 1).toString("base64") };
    const answer = await lineman.sync.push(
      batch(d, checkEquipment(d, 1, { workOrderId: signed.id }), checkEquipment(d, 2, { workOrderId: wo.id, photo: big })),
    );
    expect(answer.results.map((r) => [r.status, r.reasonCode, r.details])).toEqual([
      ["rejected", "precondition_failed", { status: "signed" }],
      ["rejected", "too_large", { field: "photo", maxBytes: MAX_PHOTO_BYTES }],
    ]);
    expect(await checksOf(t.db, signed.id)).toEqual([]);
    expect(await checksOf(t.db, wo.id)).toEqual([]);
    expect((await workOrderRow(t.db, signed.id)).version).toBe(1);
  });

  it("the self-check refuses an unticked item and an unresolved check on record, naming them", async () => {
    const wo = await onSite();
    const d = await newDevice(lineman);
    const self = selfCheck(d, 1, wo.id);
    const unticked = { ...self, args: { ...(self.args as object), checklist: { line_tested: true, service_working: true } } };
    const answer = await lineman.sync.push(batch(d, unticked));
    expect(answer.results[0]).toMatchObject({
      status: "rejected",
      reasonCode: "precondition_failed",
      details: { checklist: { missing: ["site_tidy"], unknown: [] } },
    });
    // a record the handlers would never write (e.g. imported from paper): failed equipment marked connected
    const id = uuidv7();
    await t.db.insert(equipmentChecks).values({
      id,
      workOrderId: wo.id,
      equipmentType: "telephone",
      labelKind: "none",
      entry: "typed",
      clientResult: "unknown",
      serverResult: "unknown",
      outcome: "connected",
    });
    const again = await lineman.sync.push(batch(d, selfCheck(d, 2, wo.id)));
    expect(again.results[0]).toMatchObject({ status: "rejected", reasonCode: "check_failed_cannot_connect", details: { checkIds: [id] } });
    expect((await workOrderRow(t.db, wo.id)).status).toBe("on_site");
  });
});
