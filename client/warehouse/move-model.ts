/**
 * A tag as the issue/return screen sees it: the item from the phone's copy with this phone's queued moves on top
 * (domain checkMove, step by step), and what each holder has outstanding (issued and not yet returned), from the
 * item's stock events and the queued moves. The server decides again on its own state.
 */
import type { CachedItem } from "@/client/items/stores";
import type { OutboxRecord } from "@/client/sync/types";
import type { TDepartment } from "@/domain/auth/roles";
import type { TItemStatus } from "@/domain/items/labels";
import { checkMove } from "@/domain/warehouse/stock";
import type { TStockMoveArgs } from "@/domain/warehouse/schemas";
import { STOCK_MOVE } from "./queue";
import type { WarehouseReader } from "./read-model";
import type { CachedMaterial, CachedStockEvent } from "./stores";

/** Someone stock is issued to or returned from: a person (by id, and the name the server's events carry) or a department. */
export type THolder = { userId: string; name: string } | { department: TDepartment };

export interface MoveItemView {
  item: CachedItem;
  material: CachedMaterial | null;
  /** One unit per tag (serialised, or an item from before the catalogue). */
  serialised: boolean;
  /** After this phone's queued moves. */
  status: TItemStatus;
  onHand: number;
  queued: TStockMoveArgs[];
  events: CachedStockEvent[];
}

function asQueuedMove(rec: Pick<OutboxRecord, "name" | "schemaVersion" | "args">): TStockMoveArgs | null {
  if (rec.name !== STOCK_MOVE || rec.schemaVersion !== 1) return null;
  const a = rec.args as Partial<TStockMoveArgs> | null;
  return a && typeof a.itemId === "string" && typeof a.quantity === "number" && (a.kind === "issue" || a.kind === "return") ? (a as TStockMoveArgs) : null;
}

const sameHolder = (h: THolder, m: { toUserId?: string; toDepartment?: TDepartment }) =>
  "userId" in h ? m.toUserId === h.userId : m.toUserId === undefined && m.toDepartment === h.department;

/**
 * What a holder has been issued and not yet returned: the item's events (which name the person by display name)
 * and this phone's queued moves. A serialised item issued to them counts 1 from the item's holder too.
 */
export function outstandingFor(view: MoveItemView, holder: THolder): number {
  let n = 0;
  for (const e of view.events) {
    const theirs = "userId" in holder ? e.personName === holder.name : e.personName === null && e.department === holder.department;
    if (!theirs) continue;
    if (e.kind === "issued") n += e.quantity ?? 0;
    if (e.kind === "returned") n -= e.quantity ?? 0;
  }
  for (const m of view.queued) {
    if (!sameHolder(holder, m)) continue;
    n += m.kind === "issue" ? m.quantity : -m.quantity;
  }
  if (view.serialised && n <= 0 && view.queued.length === 0) {
    const held = "userId" in holder ? view.item.holderId === holder.userId : view.item.holderId === null && view.item.holderDepartment === holder.department;
    if (held && view.item.status === "in_use") n = 1;
  }
  return Math.max(0, n);
}

/** The item of a tag with this phone's queued moves applied; null when the phone does not know the tag. */
export async function moveItemView(store: WarehouseReader, deviceId: string, tag: string): Promise<MoveItemView | null> {
  const item = await store.getFromIndex("items", "byTag", tag);
  if (!item) return null;
  const [material, events, pending] = await Promise.all([
    item.materialCode ? store.get("materials", item.materialCode) : Promise.resolve(undefined),
    store.getAllFromIndex("stockEvents", "byItem", item.id),
    store.allPending(deviceId),
  ]);
  const queued = pending.map(asQueuedMove).filter((m): m is TStockMoveArgs => m !== null && m.itemId === item.id);
  const serialised = material ? material.serialised : item.quantity <= 1;
  let status = item.status;
  let onHand = item.quantity;
  const view: MoveItemView = { item, material: material ?? null, serialised, status, onHand, queued: [], events: events.sort((a, b) => a.id - b.id) };
  // each queued move was checked when it was queued: here it only moves the prediction on
  for (const m of queued) {
    const check = checkMove({ kind: m.kind, status, onHand, serialised, quantity: m.quantity, outstanding: m.quantity });
    view.queued.push(m);
    if (!check.ok) continue;
    status = check.statusAfter;
    onHand = check.onHandAfter;
  }
  return { ...view, status, onHand };
}
