/**
 * Queues a complaint or inquiry recorded on the phone (first-asker, `complaint.record` v1) in the outbox, with no
 * signal too. The form makes the record's id once (UUIDv7): a second tap on "save", or a retry of the same submit,
 * finds that id already queued and queues nothing more, and the server records an id once whatever reaches it.
 * Validated first with the mutation's own schema (domain/complaints/schemas.ts, loaded when needed and precached by
 * the service worker), so the phone queues only what the server accepts, and the form shows what to fix beside
 * each field.
 */
import { uuidv7 } from "uuidv7";
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import type { TRole } from "@/domain/auth/roles";
import type { TComplaintChannel } from "@/domain/complaints/model";
import type { TRecordComplaintArgs, TRecordComplaintForm } from "@/domain/complaints/schemas";
import { clerkCheckDecision } from "@/domain/work-orders/service-record";

/** The mutation's name (domain/complaints/schemas.ts COMPLAINT_MUTATION_VERSIONS). */
export const RECORD_COMPLAINT = "complaint.record" satisfies OutboxRecord["name"];
/** v2: the clerk's self-check (clerkCheck) when customer service records it; the server still accepts v1. */
export const RECORD_COMPLAINT_VERSION = 2;

export interface ComplaintQueueContext {
  store: Pick<SyncStore, "enqueue"> & Pick<IdbSyncStore, "allPending" | "get">;
  userId: string;
  deviceId: string;
}

export type TComplaintQueued =
  /** In the outbox (`again`: it already was, or already on the server, from an earlier tap on the same form; nothing was added). */
  | { ok: true; again: boolean }
  /** Fields the schema refused: path → catalogue key (validation.required, complaints.validation.contact, …). */
  | { ok: false; fields: Record<string, string> };

/** The channel a new record starts on: customer service at the counter, everyone else at the customer's (on site). */
export function defaultChannelFor(role: TRole): TComplaintChannel {
  return role === "customer_service" ? "counter" : "on_site";
}

/** A record's id, made once per form (UUIDv7 sorts by time on the server too). */
export const newComplaintId = (): string => uuidv7();

/** Ids being queued right now, per device: two taps in the same moment wait for the first one's answer. */
const inFlight = new Map<string, Promise<TComplaintQueued>>();

/** The queued `complaint.record` of this id on this device, if any. */
export async function queuedRecordOf(store: Pick<IdbSyncStore, "allPending">, deviceId: string, id: string): Promise<OutboxRecord | null> {
  const pending = await store.allPending(deviceId);
  return pending.find((r) => r.name === RECORD_COMPLAINT && (r.args as { id?: unknown } | null)?.id === id) ?? null;
}

/**
 * Blank optional fields are left out (an empty centre reference means "none"). Not the answer: the form sends it only
 * when "answered at once" is ticked (undefined otherwise, recorded open), so a blank one is refused (validation.required)
 * rather than recorded open without a word.
 */
function cleaned(form: TRecordComplaintForm): TRecordComplaintForm {
  const out: TRecordComplaintForm = { ...form };
  if (!out.centreRef?.trim()) delete out.centreRef;
  if (out.answer === undefined) delete out.answer;
  if (!out.workOrderId) delete out.workOrderId;
  if (!out.photo) delete out.photo;
  // the 180 centre is answered in writing, never on the spot; its reference is the 180 centre's only
  if (out.channel === "centre_180") delete out.answer;
  else delete out.centreRef;
  return out;
}

/** Checks the form with the server's schema: the args to queue, or the refused fields. */
export async function checkComplaintForm(
  form: TRecordComplaintForm,
): Promise<{ ok: true; args: TRecordComplaintArgs } | { ok: false; fields: Record<string, string> }> {
  const { ZRecordComplaintArgs } = await import("@/domain/complaints/schemas");
  const parsed = ZRecordComplaintArgs.safeParse(cleaned(form));
  if (parsed.success) return { ok: true, args: parsed.data };
  const fields: Record<string, string> = {};
  for (const i of parsed.error.issues) fields[i.path.map(String).join(".") || "form"] ??= i.message;
  return { ok: false, fields };
}

async function queue(ctx: ComplaintQueueContext, form: TRecordComplaintForm, clerkNeeded: boolean): Promise<TComplaintQueued> {
  const checked = await checkComplaintForm(form);
  // the clerk's self-check (营业员自检), when customer service records it: the server refuses without it
  const clerk = clerkNeeded && clerkCheckDecision(form.clerkCheck).kind === "reject" ? { clerkCheck: "serviceRecord.validation.clerkCheck" } : null;
  if (!checked.ok) return clerk ? { ok: false, fields: { ...checked.fields, ...clerk } } : checked;
  if (clerk) return { ok: false, fields: clerk };
  const id = checked.args.id;
  if ((await queuedRecordOf(ctx.store, ctx.deviceId, id)) || (await ctx.store.get("myComplaints", id))) return { ok: true, again: true };
  await ctx.store.enqueue({
    userId: ctx.userId,
    deviceId: ctx.deviceId,
    name: RECORD_COMPLAINT,
    schemaVersion: RECORD_COMPLAINT_VERSION,
    args: checked.args,
  });
  return { ok: true, again: false };
}

/**
 * Records the complaint in the outbox once per id: not again while it waits in the outbox, nor once the server
 * confirmed it (in the cache of the user's records).
 */
export async function queueRecordComplaint(ctx: ComplaintQueueContext, form: TRecordComplaintForm, clerkNeeded = false): Promise<TComplaintQueued> {
  const key = `${ctx.deviceId}:${form.id}`;
  const running = inFlight.get(key);
  if (running) {
    const r = await running;
    return r.ok ? { ...r, again: true } : r;
  }
  const p = queue(ctx, form, clerkNeeded).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}
