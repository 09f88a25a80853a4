import { createHash, randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { auditEvents, equipmentChecks, evidenceFiles, workOrderEvents, workOrderPhotos, workOrderSignoffs, workOrders } from "@/db/schema";
import type { TAuditEvent } from "@/domain/audit/events";
import { evidenceHash } from "@/domain/evidence/canonical";
import { auditRow } from "@/server/audit/service";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";

/**
 * A closed work order with everything the record shows: equipment checks (paper label, new mark with a PBX, a
 * refused fax), photos (JPEG and PNG), the lineman's self-check and the customer's signature with its evidence
 * hash, status events and audit rows. Written in one transaction straight into the tables, as the work-order
 * handlers do (tests of the record must not wait for the phone's flow).
 */
export interface ClosedWorkOrder {
  id: string;
  code: string;
  customerSignoffId: number;
  selfCheckSignoffId: number;
  evidenceHash: string;
  signatureSha256: string;
  linemanSignatureSha256: string;
  photoSha256s: string[];
  deviceId: string;
}

const svg = (w: number, h: number, body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);

/** A handwritten-looking stroke on a transparent background, as signature_pad exports. */
export async function signaturePng(seed = 0): Promise<Buffer> {
  const y = 60 + (seed % 5) * 6;
  return sharp(
    svg(
      600,
      200,
      `<path d="M30 ${y + 60} C 90 ${y - 40}, 150 ${y + 120}, 220 ${y + 20} S 360 ${y - 20}, 420 ${y + 70} S 540 ${y + 10}, 570 ${y + 40}" stroke="#102a5c" stroke-width="6" fill="none" stroke-linecap="round"/>`,
    ),
  )
    .png()
    .toBuffer();
}

/** A small photo (a labelled box on a coloured field). */
export async function photoJpeg(hue = 200): Promise<Buffer> {
  return sharp(
    svg(
      640,
      480,
      `<rect width="640" height="480" fill="hsl(${hue},40%,55%)"/><rect x="180" y="140" width="280" height="200" fill="#fff" stroke="#222" stroke-width="8"/><text x="200" y="250" font-size="40" fill="#222">00-D710-208870</text>`,
    ),
  )
    .jpeg({ quality: 70 })
    .toBuffer();
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export async function makeClosedWorkOrder(db: Db, opts: { linemanId: string; officeId?: string | null; code?: string; at?: Date }): Promise<ClosedWorkOrder> {
  const at = opts.at ?? new Date("2026-03-02T01:30:00.000Z");
  const t = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
  const code = opts.code ?? `WO-2026-${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, "0")}`;
  const deviceId = randomUUID();
  const [sig, linemanSig, photo1, photo2] = await Promise.all([
    signaturePng(1),
    signaturePng(3),
    photoJpeg(200),
    sharp(await photoJpeg(30))
      .png()
      .toBuffer(),
  ]);
  const files = [
    { data: sig, mime: "image/png" },
    { data: linemanSig, mime: "image/png" },
    { data: photo1, mime: "image/jpeg" },
    { data: photo2, mime: "image/png" },
  ].map((f) => ({ sha256: sha(f.data), mime: f.mime, size: f.data.length, data: new Uint8Array(f.data), createdBy: opts.linemanId }));
  const [sigFile, linemanSigFile, photo1File, photo2File] = files as [(typeof files)[0], (typeof files)[0], (typeof files)[0], (typeof files)[0]];

  return db.transaction(async (tx) => {
    await tx.insert(evidenceFiles).values(files).onConflictDoNothing();
    const [wo] = await tx
      .insert(workOrders)
      .values({
        code,
        kind: "install",
        customerName: "张伟 Zhang Wei",
        address: "幸福小区 5 栋 302 / Xingfu Estate 5-302",
        contact: "138 0000 1101",
        service: "宽带 300M + 固话 / broadband + fixed line",
        assignedTo: opts.linemanId,
        keyCustomer: true,
        dueAt: t(240),
        scheduledFor: at.toISOString().slice(0, 10),
        status: "closed",
        version: 7,
        notes: "二楼弱电箱 / comms box on floor 2",
        createdBy: opts.officeId ?? null,
        createdAt: t(-600),
        closedAt: t(130),
      })
      .returning({ id: workOrders.id });
    const id = wo!.id;
    const steps: [TWorkOrderStatus | null, TWorkOrderStatus, number, string | null][] = [
      [null, "assigned", -600, opts.officeId ?? null],
      ["assigned", "en_route", 0, opts.linemanId],
      ["en_route", "on_site", 20, opts.linemanId],
      ["on_site", "work_done", 95, opts.linemanId],
      ["work_done", "signed", 110, opts.linemanId],
      ["signed", "closed", 130, opts.officeId ?? opts.linemanId],
    ];
    await tx.insert(workOrderEvents).values(
      steps.map(([from, to, m, actor], i) => ({
        workOrderId: id,
        fromStatus: from,
        toStatus: to,
        actorId: actor,
        deviceId: actor === opts.linemanId ? deviceId : null,
        clientTime: t(m),
        serverTime: t(m),
        versionAfter: i + 1,
      })),
    );
    await tx.insert(equipmentChecks).values([
      {
        id: randomUUID(),
        workOrderId: id,
        equipmentType: "telephone",
        labelKind: "license_old",
        licenseNo: "00-D710-208870",
        labelModel: "HCD007(6082)TSD",
        scrambleCode: "A1B2C3D4",
        equipmentModel: "HCD007(6082)TSD",
        serial: "SN-55120",
        entry: "scan",
        clientResult: "valid",
        clientRegistryVersion: "2026-03-01T00:00:00.000Z",
        serverResult: "valid",
        serverRegistryVersion: "2026-03-01T00:00:00.000Z",
        outcome: "connected",
        photoSha256: photo1File.sha256,
        actorId: opts.linemanId,
        deviceId,
        clientTime: t(30),
        serverTime: t(31),
      },
      {
        id: randomUUID(),
        workOrderId: id,
        equipmentType: "pbx",
        labelKind: "license_mark",
        markCode: "2026031512345678",
        equipmentModel: "KX-TES824CN",
        serial: "PBX-0091",
        entry: "typed",
        clientResult: "valid",
        clientRegistryVersion: "2026-03-01T00:00:00.000Z",
        serverResult: "valid",
        serverRegistryVersion: "2026-03-01T00:00:00.000Z",
        outcome: "connected",
        pbx: {
          capacity: "8 外线 / 24 分机",
          standard: "GB/T 15279",
          connection: "模拟中继",
          power: "220V AC + UPS",
          trunkLines: 8,
          inspection: "passed",
          inspectionNote: "现场检验合格",
        },
        actorId: opts.linemanId,
        deviceId,
        clientTime: t(50),
        serverTime: t(51),
      },
      {
        id: randomUUID(),
        workOrderId: id,
        equipmentType: "fax",
        labelKind: "license_old",
        licenseNo: "00-E620-230556",
        labelModel: "FAX-2890",
        equipmentModel: "FAX-2890",
        serial: "",
        entry: "typed",
        clientResult: "valid",
        clientRegistryVersion: "2026-01-10T00:00:00.000Z",
        serverResult: "expired",
        serverRegistryVersion: "2026-03-01T00:00:00.000Z",
        outcome: "refused",
        note: "许可证已过期 / license expired",
        actorId: opts.linemanId,
        deviceId,
        clientTime: t(60),
        serverTime: t(61),
      },
    ]);
    await tx.insert(workOrderPhotos).values([
      { workOrderId: id, sha256: photo1File.sha256, caption: "话机标志 / phone label", actorId: opts.linemanId, serverTime: t(32) },
      { workOrderId: id, sha256: photo2File.sha256, caption: "弱电箱 / comms box", actorId: opts.linemanId, serverTime: t(90) },
    ]);
    const [self] = await tx
      .insert(workOrderSignoffs)
      .values({
        workOrderId: id,
        kind: "self_check",
        signerName: "",
        checklist: { line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true, pbx_inspected: true },
        signatureSha256: linemanSigFile.sha256,
        actorId: opts.linemanId,
        deviceId,
        clientTime: t(95),
        serverTime: t(96),
      })
      .returning({ id: workOrderSignoffs.id });
    const snapshot = {
      code,
      customerName: "张伟 Zhang Wei",
      address: "幸福小区 5 栋 302 / Xingfu Estate 5-302",
      checks: [
        { type: "telephone", result: "valid", outcome: "connected" },
        { type: "pbx", result: "valid", outcome: "connected" },
        { type: "fax", result: "expired", outcome: "refused" },
      ],
      ratings: { attitude: 5, onTime: 4 },
    };
    const clientTime = t(108);
    const hash = evidenceHash({
      snapshot,
      signatureSha256: sigFile.sha256,
      signerName: "张伟",
      userId: opts.linemanId,
      deviceId,
      clientTime: clientTime.toISOString(),
    });
    const [cust] = await tx
      .insert(workOrderSignoffs)
      .values({
        workOrderId: id,
        kind: "customer_signed",
        signerName: "张伟",
        ratingAttitude: 5,
        ratingOnTime: 4,
        comment: "师傅很专业，准时到达。Very professional, on time.",
        signatureSha256: sigFile.sha256,
        snapshot,
        evidenceHash: hash,
        actorId: opts.linemanId,
        deviceId,
        clientTime,
        serverTime: t(110),
      })
      .returning({ id: workOrderSignoffs.id });
    // The audit rows the handlers write (validated against domain/audit/events.ts), chained by the trigger.
    const phone = { deviceId, mutationId: randomUUID() };
    const audit = (at: Date, actorId: string | null, event: TAuditEvent) => auditRow({ actorId, subjectType: "work_order", subjectId: id, at, event });
    await tx.insert(auditEvents).values([
      audit(t(-600), opts.officeId ?? null, {
        name: "workOrder.created",
        payload: {
          code,
          kind: "install",
          keyCustomer: true,
          dueAt: t(240).toISOString(),
          scheduledFor: at.toISOString().slice(0, 10),
          assigneeId: opts.linemanId,
        },
      }),
      audit(t(0), opts.linemanId, {
        name: "workOrder.statusChanged",
        payload: { code, from: "assigned", to: "en_route", versionAfter: 2, reason: "", ...phone },
      }),
      audit(t(31), opts.linemanId, {
        name: "workOrder.equipmentChecked",
        payload: {
          code,
          checkId: randomUUID(),
          equipmentType: "telephone",
          labelKind: "license_old",
          licenseNo: "00-D710-208870",
          markCode: null,
          clientResult: "valid",
          clientRegistryVersion: null,
          serverResult: "valid",
          serverRegistryVersion: null,
          outcome: "connected",
          recheckChanged: false,
          photoSha256: photo1File.sha256,
          ...phone,
        },
      }),
      audit(t(96), opts.linemanId, {
        name: "workOrder.selfChecked",
        payload: {
          code,
          from: "on_site",
          to: "work_done",
          versionAfter: 4,
          checklist: { line_tested: true },
          signatureSha256: linemanSigFile.sha256,
          ...phone,
        },
      }),
      audit(t(110), opts.linemanId, {
        name: "workOrder.customerSigned",
        payload: {
          code,
          from: "work_done",
          to: "signed",
          versionAfter: 5,
          signerName: "张伟",
          ratingAttitude: 5,
          ratingOnTime: 4,
          signatureSha256: sigFile.sha256,
          evidenceHash: hash,
          clientTime: clientTime.toISOString(),
          ...phone,
        },
      }),
      audit(t(130), opts.officeId ?? opts.linemanId, { name: "workOrder.closed", payload: { code, fromStatus: "signed", versionAfter: 6 } }),
    ]);
    return {
      id,
      code,
      customerSignoffId: cust!.id,
      selfCheckSignoffId: self!.id,
      evidenceHash: hash,
      signatureSha256: sigFile.sha256,
      linemanSignatureSha256: linemanSigFile.sha256,
      photoSha256s: [photo1File.sha256, photo2File.sha256],
      deviceId,
    };
  });
}
