/**
 * What the lineman's screens show of work orders, from the phone's own storage: the synced read cache with the
 * lineman's queued work-order mutations on top, each queued fact marked "not yet synced" (the pattern of
 * client/items/read-model.ts for items). Plain functions over the store: no React here, no zod.
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { TCheckOutcome, TEquipmentType, TLicenseCheckResult, TPbxDetails } from "@/domain/work-orders/equipment";
import type { TCaseLink } from "@/domain/work-orders/property-link";
import { governingVerdict } from "@/domain/work-orders/rules";
import { SERVICE_COMPLETIONS, type TServiceCompletion, type TServicePart } from "@/domain/work-orders/service-record";
import { canTransition, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { queuedWorkOrderMutations, type QueuedWorkOrderMutation } from "./queued";
import {
  type CachedEquipmentCheck,
  type CachedServiceRecord,
  type CachedSignoff,
  type CachedWorkOrder,
  type CachedWorkOrderEvent,
  signoffsOf,
  workOrderEventsOf,
} from "@/client/work-orders/stores";
import type { CacheReader } from "@/client/sync/idb-store";

export type WorkOrderReadCache = CacheReader & Pick<IdbSyncStore, "allPending">;

export interface CheckView {
  id: string;
  equipmentType: TEquipmentType;
  labelKind: "license_old" | "license_mark" | "none";
  licenseNo: string | null;
  markCode: string | null;
  labelModel: string | null;
  scrambleCode: string | null;
  equipmentModel: string;
  serial: string;
  entry: "scan" | "typed";
  clientResult: TLicenseCheckResult;
  clientRegistryVersion: string | null;
  /** The server's re-check; null while the check waits on the phone. */
  serverResult: TLicenseCheckResult | null;
  serverRegistryVersion: string | null;
  /** The verdict that governs (domain/work-orders/rules.ts): the phone's own until the server has answered. */
  verdict: TLicenseCheckResult;
  /** The server's newer registry disagreed with the phone's verdict: the lineman follows it up. */
  recheckChanged: boolean;
  outcome: TCheckOutcome;
  note: string;
  pbx: TPbxDetails | null;
  /** The label photo: on the server (its hash), still in the outbox, or none. */
  photo: "synced" | "queued" | "none";
  photoSha256: string | null;
  clientTime: string | null;
  pending: boolean;
}

export interface SignoffView {
  kind: CachedSignoff["kind"];
  signerName: string;
  ratingAttitude: number | null;
  ratingOnTime: number | null;
  comment: string;
  refusalReason: string;
  clientTime: string | null;
  pending: boolean;
}

/** The service record (服务记录表) as the phone shows it: the latest queued one, else the synced one. */
export interface ServiceRecordView {
  requested: string;
  done: string;
  parts: TServicePart[];
  completion: TServiceCompletion;
  clientTime: string | null;
  pending: boolean;
}

export interface WorkOrderSummary {
  workOrder: CachedWorkOrder;
  /** Synced status with the queued changes on top. */
  status: TWorkOrderStatus;
  version: number;
  /** Queued mutations of this order (shown as "not yet synced"). */
  pending: number;
}

export interface WorkOrderView extends WorkOrderSummary {
  checks: CheckView[];
  /** The latest self-check (checklist + lineman's signature). */
  selfCheck: SignoffView | null;
  /** The customer's latest turn: signed or refused. */
  customer: SignoffView | null;
  /** Synced status changes, oldest first. */
  events: CachedWorkOrderEvent[];
  /** Photos attached to the order itself that still wait in the outbox. */
  queuedPhotos: number;
  /** The terminal-maintenance service record, or null (none yet, or another kind of order). */
  serviceRecord: ServiceRecordView | null;
}

/**
 * The status the lineman should see: each queued step applied where it would apply now (a transition on the state
 * it expected, the self-check from on site, the customer's turn from work done); the server decides for real.
 */
export function predictStatus(
  synced: { status: TWorkOrderStatus; version: number },
  queue: readonly QueuedWorkOrderMutation[],
): { status: TWorkOrderStatus; version: number } {
  let { status, version } = synced;
  const move = (from: TWorkOrderStatus, to: TWorkOrderStatus) => {
    if (status !== from) return;
    status = to;
    version += 1;
  };
  for (const m of queue) {
    switch (m.name) {
      case "workOrder.transition":
        if (m.expected && m.expected.from === status && canTransition(status, m.args.to, "assignee")) move(status, m.args.to);
        break;
      case "workOrder.selfCheck":
        move("on_site", "work_done");
        break;
      case "workOrder.customerSign":
        move("work_done", "signed");
        break;
      case "workOrder.customerRefuse":
        move("work_done", "refused_to_sign");
        break;
      default:
        break;
    }
  }
  return { status, version };
}

function syncedCheck(c: CachedEquipmentCheck): CheckView {
  const { verdict, recheckChanged } = governingVerdict(c);
  const { withdrawn: _w, supersededBy: _s, ...rest } = c;
  return { ...rest, scrambleCode: c.scrambleCode ?? null, verdict, recheckChanged, photo: c.photoSha256 ? "synced" : "none", pending: false };
}

function queuedCheck(m: Extract<QueuedWorkOrderMutation, { name: "workOrder.checkEquipment" }>): CheckView {
  const a = m.args;
  return {
    id: a.checkId,
    equipmentType: a.equipmentType,
    labelKind: a.label.kind,
    licenseNo: a.label.kind === "license_old" ? a.label.licenseNo : null,
    markCode: a.label.kind === "license_mark" ? a.label.markCode : null,
    labelModel: a.label.kind === "license_old" ? (a.label.model ?? null) : null,
    scrambleCode: a.label.kind === "license_old" ? (a.label.scrambleCode ?? null) : null,
    equipmentModel: a.equipmentModel ?? "",
    serial: a.serial ?? "",
    entry: a.entry,
    clientResult: a.clientResult,
    clientRegistryVersion: a.clientRegistryVersion,
    serverResult: null,
    serverRegistryVersion: null,
    verdict: a.clientResult,
    recheckChanged: false,
    outcome: a.outcome,
    note: a.note ?? "",
    pbx: a.pbx ?? null,
    photo: a.photo ? "queued" : "none",
    photoSha256: null,
    clientTime: m.clientTime,
    pending: true,
  };
}

function syncedSignoff(s: CachedSignoff): SignoffView {
  return { ...s, pending: false };
}

function queuedSignoff(m: QueuedWorkOrderMutation): SignoffView | null {
  const base = { ratingAttitude: null, ratingOnTime: null, comment: "", refusalReason: "", clientTime: m.clientTime, pending: true };
  if (m.name === "workOrder.selfCheck") return { ...base, kind: "self_check", signerName: "" };
  if (m.name === "workOrder.customerSign") {
    return {
      ...base,
      kind: "customer_signed",
      signerName: m.args.signerName,
      ratingAttitude: m.args.ratings.attitude,
      ratingOnTime: m.args.ratings.onTime,
      comment: m.args.comment ?? "",
    };
  }
  if (m.name === "workOrder.customerRefuse") return { ...base, kind: "customer_refused", signerName: m.args.signerName ?? "", refusalReason: m.args.reason };
  return null;
}

/** The case the order is linked to, as the rules read it (ADR 0039 §6); null for none, or a row cached before it. */
export function caseLink(wo: Pick<CachedWorkOrder, "propertyCase">): TCaseLink | null {
  const c = wo.propertyCase;
  return c ? { kind: c.kind, status: c.status } : null;
}

export function summarize(wo: CachedWorkOrder, queue: readonly QueuedWorkOrderMutation[]): WorkOrderSummary {
  const own = queue.filter((m) => m.workOrderId === wo.id);
  return { workOrder: wo, ...predictStatus(wo, own), pending: own.length };
}

/** Every cached work order of the lineman, predicted (the list screen sorts and groups them). */
export async function workOrderSummaries(store: WorkOrderReadCache, deviceId: string): Promise<WorkOrderSummary[]> {
  const [orders, records] = await Promise.all([store.getAll("workOrders"), store.allPending(deviceId)]);
  const queue = queuedWorkOrderMutations(records);
  return orders.map((wo) => summarize(wo, queue));
}

/** One work order with its checks, sign-offs and history, predicted; null when the phone does not hold it. */
export async function workOrderView(store: WorkOrderReadCache, deviceId: string, id: string): Promise<WorkOrderView | null> {
  const wo = await store.get("workOrders", id);
  if (!wo) return null;
  const [records, checks, signoffs, events, record] = await Promise.all([
    store.allPending(deviceId),
    store.getAllFromIndex("equipmentChecks", "byWorkOrder", id),
    signoffsOf(store, id),
    workOrderEventsOf(store, id),
    // a phone whose cache predates the store has none yet (read as none)
    store.get("serviceRecords", id).catch(() => undefined),
  ]);
  const queue = queuedWorkOrderMutations(records).filter((m) => m.workOrderId === id);
  // the checks in force: withdrawn or replaced by a correction, on the server or in the outbox (ADR 0021)
  const taken = new Set<string>();
  for (const m of queue) {
    if (m.name === "workOrder.withdrawCheck") taken.add(m.args.checkId);
    if (m.name === "workOrder.checkEquipment" && m.args.supersedes) taken.add(m.args.supersedes);
  }
  const checkViews = checks.filter((c) => !c.withdrawn).map(syncedCheck);
  // a check the server applied may still sit in the outbox until the pull that deletes it: never show it twice
  const known = new Set(checks.map((c) => c.id));
  for (const m of queue) if (m.name === "workOrder.checkEquipment" && !known.has(m.args.checkId)) checkViews.push(queuedCheck(m));
  const inForce = checkViews.filter((c) => !taken.has(c.id));
  inForce.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const allSignoffs = [...signoffs.map(syncedSignoff), ...queue.map(queuedSignoff).filter((s): s is SignoffView => s !== null)];
  const latest = (kinds: SignoffView["kind"][]) => allSignoffs.filter((s) => kinds.includes(s.kind)).at(-1) ?? null;
  return {
    ...summarize(wo, queue),
    checks: inForce,
    selfCheck: latest(["self_check"]),
    customer: latest(["customer_signed", "customer_refused"]),
    events,
    queuedPhotos: queue.filter((m) => m.name === "workOrder.addPhoto").length,
    serviceRecord: serviceRecordView(record ?? null, queue),
  };
}

const asCompletion = (v: string): TServiceCompletion => ((SERVICE_COMPLETIONS as readonly string[]).includes(v) ? (v as TServiceCompletion) : "completed");

/** The latest queued record wins over the synced one (the server replaces it the same way). */
function serviceRecordView(synced: CachedServiceRecord | null, queue: readonly QueuedWorkOrderMutation[]): ServiceRecordView | null {
  const queued = queue.filter((m): m is Extract<QueuedWorkOrderMutation, { name: "workOrder.serviceRecord" }> => m.name === "workOrder.serviceRecord").at(-1);
  if (queued) {
    const a = queued.args;
    return { requested: a.requested, done: a.done, parts: a.parts ?? [], completion: a.completion, clientTime: queued.clientTime, pending: true };
  }
  if (!synced) return null;
  return {
    requested: synced.requested,
    done: synced.done,
    parts: synced.parts,
    completion: asCompletion(synced.completion),
    clientTime: synced.clientTime ?? synced.recordedAt,
    pending: false,
  };
}
