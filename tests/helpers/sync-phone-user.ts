/**
 * What the users of the property tests' phones do: changes made as the phone's screens would make them (queued in
 * its outbox, and noted as sent for the reference model) and "Needs attention" resolutions. The world they act
 * in: sync-world.ts.
 */
import { uuidv7 } from "uuidv7";
import type { OutboxRecord } from "@/client/sync/types";
import {
  ITEM_STATUSES,
  LABEL_REASONS,
  REASONS_BY_TARGET,
  allowedTargets,
  mayChangeLabel,
  isFinalLabel,
  requiresQuarantineZone,
  type TItemStatus,
  type TLabelReason,
} from "@/domain/items/labels";
import { ZChangeLabelArgs, ZChangeLabelExpected } from "@/domain/items/mutations";
import { predictLabel, expectedFrom, type TPendingLabelChange } from "@/domain/items/predict";
import type { TMutationName } from "@/domain/sync/protocol";
import type { Rng } from "./prng";
import { ZONES, type Device, type SyncWorld } from "./sync-world";

const QUARANTINE = ZONES.filter((z) => z.kind === "quarantine").map((z) => z.code);
const ORDINARY = ZONES.filter((z) => z.kind !== "quarantine").map((z) => z.code);

/** What the phone shows for an item: the cached state with its own queued changes on top. */
async function viewOf(d: Device, itemId: string) {
  const cached = await d.store.get("items", itemId);
  if (!cached) return null;
  const pending: TPendingLabelChange[] = [];
  for (const rec of await d.store.allPending(d.deviceId)) {
    if (rec.name !== "item.changeLabel") continue;
    const args = ZChangeLabelArgs.safeParse(rec.args);
    const expected = ZChangeLabelExpected.safeParse(rec.expected);
    if (args.success && expected.success && args.data.itemId === itemId) pending.push({ seq: rec.seq, args: args.data, expected: expected.data });
  }
  return { cached, predicted: predictLabel({ status: cached.status, version: cached.version, zoneCode: cached.zoneCode }, pending) };
}

async function enqueue(
  w: SyncWorld,
  d: Device,
  name: string,
  args: unknown,
  expected: unknown,
  schemaVersion = name === "item.changeLabel" ? 2 : 1,
): Promise<OutboxRecord> {
  const rec = await d.store.enqueue({
    userId: d.user.id,
    deviceId: d.deviceId,
    name: name as TMutationName,
    schemaVersion,
    args,
    ...(expected === undefined ? {} : { expected }),
  });
  w.sent.set(rec.mutationId, { ...rec, userId: d.user.id, role: d.user.role });
  w.stats.mutations++;
  return rec;
}

/** A user's change as the phone's screens would make it (mostly sensible, sometimes not). */
export async function edit(w: SyncWorld, d: Device, n: number, rng: Rng): Promise<void> {
  const ids = [...w.initialItems.keys()];
  for (let i = 0; i < n; i++) {
    const mine = ids.filter((id) => mayChangeLabel(d.user.role, w.initialItems.get(id)!.kind));
    let itemId = rng.chance(0.9) && mine.length > 0 ? rng.pick(mine) : rng.pick(ids);
    let view = await viewOf(d, itemId);
    // people mostly work on items that still have somewhere to go (a few tries, then whatever came up)
    for (let tries = 0; tries < 4 && view && allowedTargets(w.initialItems.get(itemId)!.kind, view.predicted.status).length === 0; tries++) {
      itemId = mine.length > 0 ? rng.pick(mine) : rng.pick(ids);
      view = await viewOf(d, itemId);
    }
    const kind = w.initialItems.get(itemId)!.kind;
    const flavour = rng.weighted([
      ["sensible", view ? 70 : 0],
      ["fromSynced", view ? 8 : 0],
      ["randomExpected", 5],
      ["invalidTarget", 5],
      ["badReason", 3],
      ["badZone", 4],
      ["badInput", 2],
      ["unknownName", 1],
      ["badVersion", 1],
      ["unknownItem", 1],
    ] as const);
    const base = view?.predicted ?? { status: rng.pick(ITEM_STATUSES), version: 1 + rng.int(5), zoneCode: null };
    let expected: unknown = expectedFrom(base);
    let to: TItemStatus;
    const targets = allowedTargets(kind, base.status);
    if ((flavour === "sensible" || flavour === "fromSynced" || flavour === "badReason" || flavour === "badZone") && targets.length > 0) {
      // keep items alive: the end of life is rare
      to = rng.weighted(targets.map((s) => [s, s === "scrapped" ? 0.3 : s === "pending_disposal" ? 0.6 : s === "returned" ? 1 : 4] as const));
    } else {
      to = rng.pick(ITEM_STATUSES);
    }
    if (flavour === "fromSynced" && view) expected = expectedFrom(view.cached);
    if (flavour === "randomExpected") expected = { from: rng.pick(ITEM_STATUSES), version: 1 + rng.int(9) };

    const reasons = REASONS_BY_TARGET[to];
    let reason: TLabelReason = rng.chance(0.1) ? "other" : rng.pick(reasons);
    let note = reason === "other" ? `note ${rng.int(1000)}` : rng.chance(0.1) ? "checked" : "";
    if (flavour === "badReason") {
      if (rng.chance(0.5)) {
        reason = "other";
        note = rng.chance(0.5) ? "" : "   ";
      } else {
        reason = rng.pick(LABEL_REASONS.filter((r) => r !== "other" && !reasons.includes(r)));
      }
    }
    let zoneCode: string | undefined = requiresQuarantineZone(to) ? rng.pick(QUARANTINE) : rng.chance(0.3) ? rng.pick(ORDINARY) : undefined;
    if (flavour === "badZone") zoneCode = rng.chance(0.5) ? `NOWHERE-${rng.int(9)}` : requiresQuarantineZone(to) ? rng.pick(ORDINARY) : undefined;

    const args: Record<string, unknown> = { itemId, to, reason, note, ...(zoneCode ? { zoneCode } : {}) };
    if (rng.chance(0.05)) args.geo = { lat: 30 + rng.next(), lng: 120 + rng.next(), accuracy: 5 + rng.int(50) };
    // a permanent label carries its label photo as the phone's form requires (issue 10), but now and then not (an
    // outbox of an older build): the server rejects that with photo_required
    if (isFinalLabel(to) ? !rng.chance(0.1) : rng.chance(0.02))
      args.photo = { mime: "image/jpeg", base64: Buffer.from(`photo ${rng.int(50)}`).toString("base64") };
    if (flavour === "unknownItem") args.itemId = crypto.randomUUID();

    if (flavour === "badInput") {
      const how = rng.int(4);
      if (how === 0) await enqueue(w, d, "item.changeLabel", { ...args, itemId: "not-a-uuid" }, expected);
      else if (how === 1) await enqueue(w, d, "item.changeLabel", args, undefined);
      else if (how === 2) await enqueue(w, d, "item.changeLabel", { ...args, to: "lost" }, expected);
      else await enqueue(w, d, "item.changeLabel", args, { from: base.status, version: 0 });
    } else if (flavour === "unknownName") {
      await enqueue(w, d, rng.pick(["item.teleport", "workOrder.sign", "item.changelabel"]), args, expected);
    } else if (flavour === "badVersion") {
      // (version 0 is not a version: the envelope schema refuses it, as it refuses any malformed envelope)
      await enqueue(w, d, "item.changeLabel", args, expected, rng.pick([3, 7, 99]));
    } else {
      await enqueue(w, d, "item.changeLabel", args, expected);
    }
  }
}

/** "Needs attention": dismiss or re-issue a rejected change; sometimes odd resolutions. */
export async function resolve(w: SyncWorld, d: Device, rng: Rng): Promise<void> {
  const local = await d.store.rejections(d.deviceId);
  const kind = rng.weighted([
    ["own", local.length > 0 ? 70 : 0],
    ["again", 8],
    ["others", 8],
    ["applied", 6],
    ["unknown", 4],
    ["garbage", 2],
  ] as const);
  if (kind === "own") {
    const r = rng.pick(local);
    const resolution = rng.chance(0.6) ? "dismissed" : "reissued";
    await enqueue(w, d, "rejection.resolve", { mutationId: r.mutationId, resolution }, undefined);
    await d.store.removeRejection(r.mutationId);
    const original = r.original;
    if (resolution === "reissued" && original?.name === "item.changeLabel") {
      // re-issue the same change from what the phone now shows
      const args = ZChangeLabelArgs.safeParse(original.args);
      const view = args.success ? await viewOf(d, args.data.itemId) : null;
      if (args.success && view) await enqueue(w, d, "item.changeLabel", original.args, expectedFrom(view.predicted));
    }
    return;
  }
  // Odd targets are mutations whose answer the phones already have (acknowledged, so committed on the server)
  // and that no phone lists as needing attention (a rejection resolved behind a phone's back would stay on its
  // list: the screens never offer that), or changes still queued on this same phone (its outbox keeps them in
  // order: the resolve may travel in the same batch as its target).
  const settled = new Set(w.sent.keys());
  for (const x of w.devices) {
    for (const r of await x.store.rejections(x.deviceId)) settled.delete(r.mutationId);
    for (const r of await x.store.allPending(x.deviceId)) settled.delete(r.mutationId);
  }
  for (const r of await d.store.allPending(d.deviceId)) settled.add(r.mutationId);
  const mine = [...w.sent.values()].filter((m) => m.userId === d.user.id && settled.has(m.mutationId));
  const theirs = [...w.sent.values()].filter((m) => m.userId !== d.user.id && settled.has(m.mutationId));
  let target: string;
  if (kind === "again" && mine.length > 0)
    target = rng.pick(mine).mutationId; // resolved already, applied, or not yet known
  else if (kind === "others" && theirs.length > 0) target = rng.pick(theirs).mutationId;
  else if (kind === "applied" && mine.length > 0) target = rng.pick(mine).mutationId;
  else target = uuidv7();
  if (kind === "garbage") {
    await enqueue(w, d, "rejection.resolve", { mutationId: target, resolution: "ignored" }, undefined);
    return;
  }
  await enqueue(w, d, "rejection.resolve", { mutationId: target, resolution: rng.chance(0.5) ? "dismissed" : "reissued" }, undefined);
}
