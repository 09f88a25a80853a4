/**
 * The user's recorded complaints as the phone shows them: the server's rows (feed `myComplaints`) and, before they
 * reach it, the ones still in this phone's outbox, so a record made with no signal is in the list at once ("number
 * on sync"). When the server's row arrives it takes the queued one's place (same id). No zod here (first load).
 */
import type { CacheReader, IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord } from "@/client/sync/types";
import { complaintDeadlineState, type TComplaintDeadlineState } from "@/domain/complaints/deadlines";
import { COMPLAINT_CHANNELS, FIRST_ASKER_KINDS, type TComplaintChannel, type TComplaintKind, type TComplaintStatus } from "@/domain/complaints/model";
import { RECORD_COMPLAINT } from "./queue";

export interface ComplaintView {
  id: string;
  /** TS-YYYYMMDD-NNNN, or null while only on this phone (the server numbers it). */
  code: string | null;
  kind: TComplaintKind;
  channel: TComplaintChannel;
  customerName: string;
  contact: string;
  status: TComplaintStatus;
  /** When it was recorded (on the phone, while queued). */
  receivedAt: string;
  /** The deadline the server set (null while queued: the policy's limit is the server's to apply). */
  dueAt: string | null;
  repliedAt: string | null;
  /** The result told to the customer (or the answer given at once, while queued). */
  result: string;
  workOrderId: string | null;
  /** Still in this phone's outbox. */
  queued: boolean;
  /** Refused by the server (its reason code, or "" when it gave none): kept in Needs attention, not recorded. */
  refused: string | null;
}

const str = (v: unknown): v is string => typeof v === "string";
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => str(v) && (list as readonly string[]).includes(v);

/** An outbox record as a complaint recorded here, or null (another mutation, or a shape the screen cannot use). */
export function asQueuedComplaint(rec: Pick<OutboxRecord, "name" | "schemaVersion" | "args" | "clientTime">): ComplaintView | null {
  if (rec.name !== RECORD_COMPLAINT || (rec.schemaVersion !== 1 && rec.schemaVersion !== 2)) return null;
  const a = (rec.args ?? {}) as Record<string, unknown>;
  if (!str(a.id) || !oneOf(FIRST_ASKER_KINDS, a.kind) || !oneOf(COMPLAINT_CHANNELS, a.channel) || !str(a.customerName)) return null;
  const answered = str(a.answer) && a.answer.trim() !== "";
  return {
    id: a.id,
    code: null,
    kind: a.kind,
    channel: a.channel,
    customerName: a.customerName,
    contact: str(a.contact) ? a.contact : "",
    // answered at once: the server records it closed, with the answer as the result told on the spot
    status: answered ? "closed" : "recorded",
    receivedAt: rec.clientTime,
    dueAt: null,
    repliedAt: answered ? rec.clientTime : null,
    result: answered ? (a.answer as string) : "",
    workOrderId: str(a.workOrderId) ? a.workOrderId : null,
    queued: true,
    refused: null,
  };
}

/** The user's complaints, newest first: the server's rows, queued ones it has not confirmed yet, and refused ones. */
export async function myComplaints(store: CacheReader & Pick<IdbSyncStore, "allPending" | "rejections">, deviceId: string): Promise<ComplaintView[]> {
  const [rows, pending, rejected] = await Promise.all([store.getAll("myComplaints"), store.allPending(deviceId), store.rejections(deviceId)]);
  const out = new Map<string, ComplaintView>();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      code: r.code,
      kind: r.kind,
      channel: r.channel,
      customerName: r.customerName,
      contact: r.contact,
      status: r.status,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      repliedAt: r.repliedAt,
      result: r.result,
      workOrderId: r.workOrderId,
      queued: false,
      refused: null,
    });
  }
  for (const rec of pending) {
    const q = asQueuedComplaint(rec);
    // the server's row wins: it is what was recorded (a resend of a confirmed id changes nothing there)
    if (q && !out.has(q.id)) out.set(q.id, q);
  }
  // refused by the server: never lost from sight (the person re-issues or dismisses it in Needs attention)
  for (const r of rejected) {
    const q = r.original ? asQueuedComplaint(r.original) : null;
    if (q && !out.has(q.id)) out.set(q.id, { ...q, queued: false, refused: r.reasonCode ?? "" });
  }
  return [...out.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1));
}

/** The deadline as the list shows it (time left, overdue, answered in time or late), or null while queued. */
export function deadlineOf(c: Pick<ComplaintView, "status" | "dueAt" | "repliedAt">, now: Date): TComplaintDeadlineState | null {
  if (c.dueAt === null) return null;
  return complaintDeadlineState({ status: c.status, dueAt: new Date(c.dueAt), repliedAt: c.repliedAt === null ? null : new Date(c.repliedAt) }, now);
}

export interface TWorkOrderPrefill {
  workOrderId: string;
  code: string;
  customerName: string;
  contact: string;
  address: string;
}

/** What a complaint recorded from a work order starts with: that order's customer, from the phone's cache. */
export async function prefillFromWorkOrder(store: Pick<CacheReader, "get">, workOrderId: string): Promise<TWorkOrderPrefill | null> {
  const wo = await store.get("workOrders", workOrderId);
  if (!wo) return null;
  return { workOrderId: wo.id, code: wo.code, customerName: wo.customerName, contact: wo.contact, address: wo.address };
}
