/**
 * The keeper's warehouse steps into the outbox, with no signal too: a delivery received (`receipt.record` v1), a tag
 * labelled by its form (`receipt.label` v1, expected {version}) and an issue or return (`stock.move` v1). Each is
 * checked first with the mutation's own schema (domain/warehouse/schemas.ts, loaded when needed and precached), so
 * the phone queues only what the server accepts; the screens show the refused fields. A receipt's and a move's id is
 * made once per form: a second tap finds it queued and queues nothing more (the server records an id once too).
 */
import { uuidv7 } from "uuidv7";
import type { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import type { TLabelByFormArgs, TRecordReceiptArgs, TRecordReceiptForm, TStockMoveArgs } from "@/domain/warehouse/schemas";
import { markTagsUsed } from "./tag-lease";

export const RECORD_RECEIPT = "receipt.record" satisfies OutboxRecord["name"];
export const LABEL_BY_FORM = "receipt.label" satisfies OutboxRecord["name"];
export const STOCK_MOVE = "stock.move" satisfies OutboxRecord["name"];

export interface WarehouseQueueContext {
  store: Pick<SyncStore, "enqueue"> & Pick<IdbSyncStore, "allPending" | "get" | "getMeta" | "setMeta">;
  userId: string;
  deviceId: string;
}

/** Fields the schema refused: path ("lines.0.quantity") → catalogue key. */
export type TFields = Record<string, string>;
export type TQueued = { ok: true; again: boolean } | { ok: false; fields: TFields };

/** An id for a receipt, a receipt line or a move (UUIDv7: sorts by time on the server too). */
export const newId = (): string => uuidv7();

function fieldsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TFields {
  const fields: TFields = {};
  for (const i of issues) fields[i.path.map(String).join(".") || "form"] ??= i.message;
  return fields;
}

const inFlight = new Map<string, Promise<TQueued>>();
/** Two taps in the same moment on the same form wait for the first one's answer. */
function once(key: string, fn: () => Promise<TQueued>): Promise<TQueued> {
  const running = inFlight.get(key);
  if (running) return running.then((r) => (r.ok ? { ...r, again: true } : r));
  const p = fn().finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

async function queuedWithId(store: Pick<IdbSyncStore, "allPending">, deviceId: string, name: string, id: string): Promise<boolean> {
  const pending = await store.allPending(deviceId);
  return pending.some((r) => r.name === name && (r.args as { id?: unknown } | null)?.id === id);
}

/** Checks a receipt with the server's schema: the args to queue, or the refused fields. */
export async function checkReceiptForm(form: TRecordReceiptForm): Promise<{ ok: true; args: TRecordReceiptArgs } | { ok: false; fields: TFields }> {
  const { ZRecordReceiptArgs } = await import("@/domain/warehouse/schemas");
  const parsed = ZRecordReceiptArgs.safeParse(form);
  return parsed.success ? { ok: true, args: parsed.data } : { ok: false, fields: fieldsOf(parsed.error.issues) };
}

/** Records the delivery once per id (not again while queued, nor once the server has it); its tags become used. */
export function queueRecordReceipt(ctx: WarehouseQueueContext, form: TRecordReceiptForm): Promise<TQueued> {
  return once(`${ctx.deviceId}:${form.id}`, async () => {
    const checked = await checkReceiptForm(form);
    if (!checked.ok) return checked;
    const { args } = checked;
    if ((await queuedWithId(ctx.store, ctx.deviceId, RECORD_RECEIPT, args.id)) || (await ctx.store.get("receipts", args.id))) return { ok: true, again: true };
    // the numbers are spent before the record exists: a crash in between loses numbers, never reuses one
    await markTagsUsed(
      ctx.store,
      ctx.deviceId,
      args.lines.flatMap((l) => l.tags),
    );
    await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: RECORD_RECEIPT, schemaVersion: 1, args });
    return { ok: true, again: false };
  });
}

/**
 * Labels one tag by its form (the screen has planned it with domain planLabelByForm). `expected.version`: the tag's
 * version the keeper saw. Once queued for this item, a second tap queues nothing.
 */
export function queueLabelByForm(ctx: WarehouseQueueContext, args: TLabelByFormArgs, expected: { version: number }): Promise<TQueued> {
  return once(`${ctx.deviceId}:label:${args.itemId}`, async () => {
    const { ZLabelByFormArgs, ZItemExpected } = await import("@/domain/warehouse/schemas");
    const parsed = ZLabelByFormArgs.safeParse(args);
    if (!parsed.success) return { ok: false, fields: fieldsOf(parsed.error.issues) };
    const exp = ZItemExpected.parse(expected);
    const pending = await ctx.store.allPending(ctx.deviceId);
    if (pending.some((r) => r.name === LABEL_BY_FORM && (r.args as { itemId?: unknown } | null)?.itemId === args.itemId)) return { ok: true, again: true };
    if (parsed.data.splitTag) await markTagsUsed(ctx.store, ctx.deviceId, [parsed.data.splitTag]);
    await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: LABEL_BY_FORM, schemaVersion: 1, args: parsed.data, expected: exp });
    return { ok: true, again: false };
  });
}

/** Issues or takes back stock once per move id (the screen has checked it with domain checkMove). */
export function queueStockMove(ctx: WarehouseQueueContext, args: TStockMoveArgs): Promise<TQueued> {
  return once(`${ctx.deviceId}:${args.id}`, async () => {
    const { ZStockMoveArgs } = await import("@/domain/warehouse/schemas");
    const parsed = ZStockMoveArgs.safeParse(args);
    if (!parsed.success) return { ok: false, fields: fieldsOf(parsed.error.issues) };
    if (await queuedWithId(ctx.store, ctx.deviceId, STOCK_MOVE, parsed.data.id)) return { ok: true, again: true };
    await ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name: STOCK_MOVE, schemaVersion: 1, args: parsed.data });
    return { ok: true, again: false };
  });
}
