/**
 * Queued outbox records read back as work-order mutations. Each record was validated against its domain schema
 * when it was queued (client/work-orders/enqueue.ts) and the server validates it again, so this only guards the
 * shape the screens rely on. No zod here: it would put zod into the first load of every lineman screen (ADR 0008).
 */
import type { z } from "zod";
import type {
  TCheckEquipmentArgs,
  TCustomerRefuseArgs,
  TCustomerSignArgs,
  TSelfCheckArgs,
  TWorkOrderExpected,
  TWithdrawCheckArgs,
  TWorkOrderTransitionArgs,
  ZAddWorkOrderPhotoArgs,
} from "@/domain/work-orders/mutations";
import type { TServiceRecordArgs } from "@/domain/work-orders/service-record-schema";
import { WORK_ORDER_STATUSES, type TWorkOrderStatus } from "@/domain/work-orders/status";
import type { OutboxRecord } from "@/client/sync/types";

export type TAddWorkOrderPhotoArgs = z.infer<typeof ZAddWorkOrderPhotoArgs>;

interface Base {
  mutationId: string;
  seq: number;
  clientTime: string;
  workOrderId: string;
}

export type QueuedWorkOrderMutation = Base &
  (
    | { name: "workOrder.transition"; args: TWorkOrderTransitionArgs; expected: TWorkOrderExpected | null }
    | { name: "workOrder.checkEquipment"; args: TCheckEquipmentArgs }
    | { name: "workOrder.selfCheck"; args: TSelfCheckArgs }
    | { name: "workOrder.customerSign"; args: TCustomerSignArgs }
    | { name: "workOrder.customerRefuse"; args: TCustomerRefuseArgs }
    | { name: "workOrder.addPhoto"; args: TAddWorkOrderPhotoArgs }
    | { name: "workOrder.withdrawCheck"; args: TWithdrawCheckArgs }
    | { name: "workOrder.serviceRecord"; args: TServiceRecordArgs }
  );

/** The versions of each work-order mutation the screens read (the same shapes; domain/sync/protocol.ts holds zod). */
const VERSIONS: Record<string, readonly number[]> = {
  "workOrder.transition": [1],
  "workOrder.checkEquipment": [1, 2, 3],
  "workOrder.selfCheck": [1, 2],
  "workOrder.customerSign": [1],
  "workOrder.customerRefuse": [1],
  "workOrder.addPhoto": [1],
  "workOrder.withdrawCheck": [1],
  "workOrder.serviceRecord": [1],
};
const isStatus = (v: unknown): v is TWorkOrderStatus => typeof v === "string" && (WORK_ORDER_STATUSES as readonly string[]).includes(v);

/** One record as a work-order mutation, or null (another domain's record, or a shape the screens cannot use). */
export function asWorkOrderMutation(
  rec: Pick<OutboxRecord, "mutationId" | "seq" | "clientTime" | "name" | "schemaVersion" | "args" | "expected">,
): QueuedWorkOrderMutation | null {
  if (!VERSIONS[rec.name]?.includes(rec.schemaVersion)) return null;
  const args = rec.args as Record<string, unknown> | null;
  if (!args || typeof args.workOrderId !== "string") return null;
  const base: Base = { mutationId: rec.mutationId, seq: rec.seq, clientTime: rec.clientTime, workOrderId: args.workOrderId };
  switch (rec.name) {
    case "workOrder.transition": {
      if (!isStatus(args.to)) return null;
      const e = rec.expected as Partial<TWorkOrderExpected> | null | undefined;
      const expected = e && isStatus(e.from) && typeof e.version === "number" ? { from: e.from, version: e.version } : null;
      return {
        ...base,
        name: rec.name,
        args: { workOrderId: base.workOrderId, to: args.to, reason: typeof args.reason === "string" ? args.reason : "" },
        expected,
      };
    }
    case "workOrder.checkEquipment":
      if (typeof args.checkId !== "string" || typeof args.outcome !== "string" || typeof args.clientResult !== "string") return null;
      return { ...base, name: rec.name, args: args as unknown as TCheckEquipmentArgs };
    case "workOrder.selfCheck":
      return { ...base, name: rec.name, args: args as unknown as TSelfCheckArgs };
    case "workOrder.customerSign":
      if (typeof args.signerName !== "string") return null;
      return { ...base, name: rec.name, args: args as unknown as TCustomerSignArgs };
    case "workOrder.customerRefuse":
      if (typeof args.reason !== "string") return null;
      return { ...base, name: rec.name, args: args as unknown as TCustomerRefuseArgs };
    case "workOrder.addPhoto":
      return { ...base, name: rec.name, args: args as unknown as TAddWorkOrderPhotoArgs };
    case "workOrder.withdrawCheck":
      if (typeof args.checkId !== "string") return null;
      return { ...base, name: rec.name, args: args as unknown as TWithdrawCheckArgs };
    case "workOrder.serviceRecord":
      if (typeof args.requested !== "string" || typeof args.done !== "string" || !Array.isArray(args.parts)) return null;
      return { ...base, name: rec.name, args: args as unknown as TServiceRecordArgs };
    default:
      return null;
  }
}

/** The user's queued work-order mutations, in seq order. */
export function queuedWorkOrderMutations(records: readonly OutboxRecord[]): QueuedWorkOrderMutation[] {
  return records
    .map(asWorkOrderMutation)
    .filter((m): m is QueuedWorkOrderMutation => m !== null)
    .sort((a, b) => a.seq - b.seq);
}
