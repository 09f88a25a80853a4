import { createHash, randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "@/db/client";
import { equipmentChecks, licenseImports, licenseRegistry, workOrderEvents, workOrders, workOrderSignoffs } from "@/db/schema";
import { evidenceHash } from "@/domain/evidence/canonical";
import { operatorToday } from "@/domain/time/operator";
import { MANUAL_CHECKLIST, MANUAL_CHECKLIST_V1 } from "@/domain/work-orders/checklist";
import type { TCheckEquipmentArgs } from "@/domain/work-orders/mutations";
import { buildCustomerSnapshot, type TSnapshotInput } from "@/domain/work-orders/snapshot";
import type { TWorkOrderKind, TWorkOrderStatus } from "@/domain/work-orders/status";
import { envelope } from "./sync";

let counter = 0;

/** Inserts a work order directly (as the office desk would), assigned to `assignedTo`. */
export async function makeWorkOrder(
  db: Db,
  opts: {
    assignedTo: string | null;
    status?: TWorkOrderStatus;
    kind?: TWorkOrderKind;
    code?: string;
    createdAt?: Date;
    /** The PBX application or works case the order connects (ADR 0039). */
    propertyCaseId?: string | null;
    contact?: string;
  },
) {
  const [row] = await db
    .insert(workOrders)
    .values({
      code: opts.code ?? `WO-2099-${String((process.pid * 1000 + ++counter) % 1_000_000).padStart(6, "0")}`,
      kind: opts.kind ?? "install",
      customerName: "测试客户 Test Customer",
      address: "测试路 1 号",
      contact: opts.contact ?? "138 0000 0000",
      service: "宽带 + 固话",
      assignedTo: opts.assignedTo,
      scheduledFor: operatorToday(),
      status: opts.status ?? "assigned",
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
      propertyCaseId: opts.propertyCaseId ?? null,
    })
    .returning();
  return row!;
}

export async function workOrderRow(db: Db, id: string) {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  return row!;
}

export const eventsOf = (db: Db, id: string) => db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id)).orderBy(asc(workOrderEvents.id));
export const checksOf = (db: Db, id: string) => db.select().from(equipmentChecks).where(eq(equipmentChecks.workOrderId, id)).orderBy(asc(equipmentChecks.id));
export const signoffsOf = (db: Db, id: string) =>
  db.select().from(workOrderSignoffs).where(eq(workOrderSignoffs.workOrderId, id)).orderBy(asc(workOrderSignoffs.id));

/** A PNG of exactly `bytes` bytes: the PNG signature, then filler (the server checks the signature bytes and the size). */
export function pngOfSize(bytes: number): Buffer {
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([magic, randomBytes(Math.max(0, bytes - magic.length))]);
}

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

const strokes = [
  {
    points: [
      { x: 10, y: 10, time: 1, pressure: 0.5 },
      { x: 40, y: 22, time: 30, pressure: 0.5 },
    ],
    penColor: "black",
  },
];

export function signatureOf(png: Buffer) {
  return { mime: "image/png" as const, base64: png.toString("base64"), strokes };
}

/** The registry version as the phone holds it: the latest import's time (ISO), or null. */
export async function latestRegistryVersion(db: Db): Promise<string | null> {
  const all = await db.select({ at: licenseImports.importedAt }).from(licenseImports);
  return all.length === 0 ? null : new Date(Math.max(...all.map((r) => r.at.getTime()))).toISOString();
}

/** A new import of the registry: upserts rows and records an import (a newer registry version). */
export async function importRegistry(db: Db, rows: (typeof licenseRegistry.$inferInsert)[], at = new Date()) {
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(licenseRegistry)
        .values(r)
        .onConflictDoUpdate({ target: licenseRegistry.licenseNo, set: { ...r, updatedAt: at } });
    }
    await tx.insert(licenseImports).values({ importedAt: at, rowsOk: rows.length, rowsBad: 0 });
  });
}

// ── Mutations as the phone queues them ─────────────────────────────────────────────────────────
export function transition(
  deviceId: string,
  seq: number,
  workOrderId: string,
  to: TWorkOrderStatus,
  expected: { from: TWorkOrderStatus; version: number },
  reason = "",
) {
  return envelope(deviceId, seq, "workOrder.transition", { workOrderId, to, reason }, { expected });
}

/** `workOrder.checkEquipment`, v1 unless `schemaVersion` says otherwise (today's phones send v3, without PBX details). */
export function checkEquipment(
  deviceId: string,
  seq: number,
  args: Partial<TCheckEquipmentArgs> & { workOrderId: string },
  opts: { clientTime?: string; schemaVersion?: 1 | 2 | 3 } = {},
) {
  return envelope(
    deviceId,
    seq,
    "workOrder.checkEquipment",
    {
      checkId: uuidv7(),
      equipmentType: "telephone",
      label: { kind: "license_old", licenseNo: "00-D710-208870", model: "HWCD868", scrambleCode: null },
      equipmentModel: "HWCD868",
      serial: "SN-0001",
      entry: "scan",
      clientResult: "valid",
      clientRegistryVersion: null,
      outcome: "connected",
      note: "",
      ...args,
    },
    opts,
  );
}

/** `workOrder.selfCheck` as today's phones send it (v2, SELF_CHECK_VERSION); `schemaVersion: 1` sends an older build's. */
export function selfCheck(
  deviceId: string,
  seq: number,
  workOrderId: string,
  kind: TWorkOrderKind = "install",
  png = pngOfSize(2000),
  schemaVersion: 1 | 2 = 2,
) {
  const items = schemaVersion === 1 ? MANUAL_CHECKLIST_V1[kind] : MANUAL_CHECKLIST[kind];
  const checklist = Object.fromEntries(items.map((id) => [id, true]));
  return envelope(deviceId, seq, "workOrder.selfCheck", { workOrderId, checklist, signature: signatureOf(png) }, { schemaVersion });
}

/** `workOrder.serviceRecord` v1: a terminal-maintenance order's service record (服务记录表). */
export function serviceRecord(deviceId: string, seq: number, workOrderId: string, over: Record<string, unknown> = {}) {
  return envelope(deviceId, seq, "workOrder.serviceRecord", {
    workOrderId,
    requested: "打印机卡纸 / Printer jams",
    done: "更换搓纸轮并测试 / Pick-up roller replaced and tested",
    parts: [{ name: "搓纸轮 pick-up roller", quantity: 1 }],
    completion: "completed",
    ...over,
  });
}

/** An equipment check (a `checkEquipment` envelope) as the phone shows it to the customer: its own verdict. */
export function shownCheck(m: ReturnType<typeof checkEquipment>): TSnapshotInput["checks"][number] {
  const a = m.args as TCheckEquipmentArgs;
  return {
    id: a.checkId,
    equipmentType: a.equipmentType,
    licenseNo: a.label.kind === "license_old" ? a.label.licenseNo : null,
    markCode: a.label.kind === "license_mark" ? a.label.markCode : null,
    labelModel: a.label.kind === "license_old" ? a.label.model : null,
    equipmentModel: a.equipmentModel,
    serial: a.serial,
    verdict: a.clientResult,
    outcome: a.outcome,
  };
}

/**
 * `workOrder.customerSign` as the phone builds it: the snapshot from the domain builder, the PNG's hash, and the
 * evidence hash over snapshot, signature hash, signer, user, device and the envelope's client time.
 */
export function customerSign(opts: {
  deviceId: string;
  seq: number;
  userId: string;
  workOrder: { id: string; code: string; kind: TWorkOrderKind; customerName: string; address: string; service: string };
  linemanName?: string;
  png?: Buffer;
  signerName?: string;
  ratings?: { attitude: number; onTime: number };
  comment?: string;
  clientTime?: string;
  mutationId?: string;
  /** The equipment checks the customer is shown (none by default). */
  checks?: TSnapshotInput["checks"];
  /** Changes applied to the args after the hash was made (tampering). */
  tamper?: (args: Record<string, unknown>) => void;
}) {
  const clientTime = opts.clientTime ?? new Date().toISOString();
  const png = opts.png ?? pngOfSize(3000);
  const ratings = opts.ratings ?? { attitude: 5, onTime: 4 };
  const comment = opts.comment ?? "很满意";
  const signerName = opts.signerName ?? "张伟";
  const snapshot = buildCustomerSnapshot({
    workOrder: opts.workOrder,
    checks: opts.checks ?? [],
    linemanName: opts.linemanName ?? "王建国",
    ratings,
    comment,
    at: clientTime,
  });
  const hash = evidenceHash({ snapshot, signatureSha256: sha256(png), signerName, userId: opts.userId, deviceId: opts.deviceId, clientTime });
  const args: Record<string, unknown> = {
    workOrderId: opts.workOrder.id,
    signerName,
    ratings,
    comment,
    signature: signatureOf(png),
    snapshot,
    evidenceHash: hash,
  };
  opts.tamper?.(args);
  return envelope(opts.deviceId, opts.seq, "workOrder.customerSign", args, { clientTime, mutationId: opts.mutationId });
}

export function customerRefuse(deviceId: string, seq: number, workOrderId: string, reason = "价格有异议") {
  return envelope(deviceId, seq, "workOrder.customerRefuse", { workOrderId, reason, signerName: "张伟" });
}
