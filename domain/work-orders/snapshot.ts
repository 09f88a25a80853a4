/**
 * What the customer sees and signs (customer mode): the work order's summary, the equipment checks, the lineman,
 * the day, and the customer's own evaluation. Built by the phone at capture; its canonical JSON goes into the
 * evidence hash (domain/evidence/canonical.ts), which the server recomputes from the snapshot as sent.
 */
import { z } from "zod";
import { operatorDay } from "@/domain/time/operator";
import { CHECK_OUTCOMES, EQUIPMENT_TYPES, LICENSE_CHECK_RESULTS, type TCheckOutcome, type TEquipmentType, type TLicenseCheckResult } from "./equipment";
import { WORK_ORDER_KINDS, type TWorkOrderKind } from "./status";

export const CUSTOMER_SNAPSHOT_VERSION = 1;

const ZSnapshotCheck = z.strictObject({
  checkId: z.string(),
  equipmentType: z.enum(EQUIPMENT_TYPES),
  /** The license number or the mark's digital code; null for equipment without a label. */
  label: z.string().nullable(),
  model: z.string(),
  serial: z.string(),
  verdict: z.enum(LICENSE_CHECK_RESULTS),
  outcome: z.enum(CHECK_OUTCOMES),
});

export const ZCustomerSnapshot = z.strictObject({
  v: z.literal(CUSTOMER_SNAPSHOT_VERSION),
  workOrderId: z.string(),
  code: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  customerName: z.string(),
  address: z.string(),
  service: z.string(),
  lineman: z.string(),
  /** The day of signing in the operator's time zone (YYYY-MM-DD). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  equipment: z.array(ZSnapshotCheck).max(100),
  evaluation: z.strictObject({ attitude: z.number().int(), onTime: z.number().int(), comment: z.string() }),
});
export type TCustomerSnapshot = z.infer<typeof ZCustomerSnapshot>;

export interface TSnapshotInput {
  workOrder: { id: string; code: string; kind: TWorkOrderKind; customerName: string; address: string; service: string };
  checks: readonly {
    id: string;
    equipmentType: TEquipmentType;
    licenseNo: string | null;
    markCode: string | null;
    labelModel: string | null;
    equipmentModel: string;
    serial: string;
    /** The governing verdict (domain/work-orders/rules.ts governingVerdict), or the phone's own before sync. */
    verdict: TLicenseCheckResult;
    outcome: TCheckOutcome;
  }[];
  linemanName: string;
  ratings: { attitude: number; onTime: number };
  comment: string;
  /** The moment of signing (the envelope's clientTime). */
  at: Date | string;
}

type TSnapshotCheck = z.infer<typeof ZSnapshotCheck>;

/** One equipment check as the customer is shown it. */
function snapshotCheck(c: TSnapshotInput["checks"][number]): TSnapshotCheck {
  return {
    checkId: c.id,
    equipmentType: c.equipmentType,
    label: c.licenseNo ?? c.markCode ?? null,
    model: c.equipmentModel.trim() || (c.labelModel ?? ""),
    serial: c.serial,
    verdict: c.verdict,
    outcome: c.outcome,
  };
}

/** The snapshot, with the equipment in a fixed order (by check id: UUIDv7, so in the order they were made). */
export function buildCustomerSnapshot(s: TSnapshotInput): TCustomerSnapshot {
  const equipment = [...s.checks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(snapshotCheck);
  return {
    v: CUSTOMER_SNAPSHOT_VERSION,
    workOrderId: s.workOrder.id,
    code: s.workOrder.code,
    kind: s.workOrder.kind,
    customerName: s.workOrder.customerName,
    address: s.workOrder.address,
    service: s.workOrder.service,
    lineman: s.linemanName,
    date: operatorDay(typeof s.at === "string" ? new Date(s.at) : s.at),
    equipment,
    evaluation: { attitude: s.ratings.attitude, onTime: s.ratings.onTime, comment: s.comment },
  };
}

/**
 * Why a snapshot sent with a signature cannot be the one for this work order and evaluation, or null. The server
 * checks only what binds the signature to its record (the work order, the ratings and comment stored beside it);
 * the rest is evidence of what the customer was shown, kept as sent.
 */
export function snapshotMismatch(
  snapshot: unknown,
  expected: { workOrderId: string; code: string; ratings: { attitude: number; onTime: number }; comment: string },
): string | null {
  const parsed = ZCustomerSnapshot.safeParse(snapshot);
  if (!parsed.success) return "snapshot";
  const s = parsed.data;
  if (s.workOrderId !== expected.workOrderId) return "workOrderId";
  if (s.code !== expected.code) return "code";
  const e = s.evaluation;
  if (e.attitude !== expected.ratings.attitude || e.onTime !== expected.ratings.onTime || e.comment.trim() !== expected.comment.trim()) return "evaluation";
  return null;
}

const COMPARED = ["equipmentType", "label", "model", "serial", "verdict", "outcome"] as const;

/** How the equipment the customer signed for differs from the checks on record. */
export const ZSnapshotDifference = z.discriminatedUnion("kind", [
  /** shown to the customer, but the server has no such check (it was refused, or never arrived) */
  z.strictObject({ checkId: z.string(), kind: z.literal("not_recorded") }),
  /** on record, but not in what the customer signed */
  z.strictObject({ checkId: z.string(), kind: z.literal("not_shown") }),
  /** both, with these fields told differently */
  z.strictObject({ checkId: z.string(), kind: z.literal("changed"), fields: z.array(z.enum(COMPARED)) }),
]);
export type TSnapshotDifference = z.infer<typeof ZSnapshotDifference>;

/**
 * What the customer was shown against what the record holds (checks with their governing verdicts), in check order.
 * Empty when they agree. A signature is never refused for this (the customer signed what they saw, and that is
 * kept as evidence); the server flags it so the lineman and the office follow it up.
 */
export function snapshotDifferences(signed: readonly TSnapshotCheck[], recorded: TSnapshotInput["checks"]): TSnapshotDifference[] {
  const onRecord = new Map(recorded.map((c) => [c.id, snapshotCheck(c)]));
  const shown = new Map(signed.map((c) => [c.checkId, c]));
  const ids = [...new Set([...shown.keys(), ...onRecord.keys()])].sort();
  const out: TSnapshotDifference[] = [];
  for (const checkId of ids) {
    const a = shown.get(checkId);
    const b = onRecord.get(checkId);
    if (!b) out.push({ checkId, kind: "not_recorded" });
    else if (!a) out.push({ checkId, kind: "not_shown" });
    else {
      const fields = COMPARED.filter((f) => a[f] !== b[f]);
      if (fields.length > 0) out.push({ checkId, kind: "changed", fields });
    }
  }
  return out;
}
