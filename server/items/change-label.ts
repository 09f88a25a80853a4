import "server-only";
import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import { auditEvents, itemLabelEvents, items, users, zones } from "@/db/schema";
import { checkLabelChange, mayChangeLabel, QUARANTINE_STATUSES, requiresQuarantineZone, type TItemStatus, type TZoneKind } from "@/domain/items/labels";
import { ZChangeLabelArgs, ZChangeLabelExpected, type TChangeLabelArgs, type TChangeLabelExpected } from "@/domain/items/mutations";
import { isUuid } from "@/domain/sync/protocol";
import { judgeExpected, ownChangesSince } from "@/domain/sync/stale";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, LockedRows, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { isActiveUser, noticeQuarantineAssigned } from "@/server/warehouse/notify";

interface LabelChangeSince {
  /** Versions after the one the phone saw that this device made itself. */
  own: number;
  /** The latest change by someone else (the one to name in a stale answer), else the latest change. */
  last: { at: Date; by: string | null } | null;
}

/**
 * The label events after the version the phone saw: how many this device made (counted only when the first of them
 * started from the label the phone says it saw: a phone cannot claim a state the item never had), and the latest one
 * made by anyone else.
 */
async function labelChangesSince(tx: MutationContext["tx"], itemId: string, seen: TChangeLabelExpected, deviceId: string): Promise<LabelChangeSince> {
  const rows = await tx
    .select({ at: itemLabelEvents.serverTime, by: users.displayName, deviceId: itemLabelEvents.deviceId, from: itemLabelEvents.fromStatus })
    .from(itemLabelEvents)
    .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
    .where(and(eq(itemLabelEvents.itemId, itemId), gt(itemLabelEvents.versionAfter, seen.version)))
    .orderBy(desc(itemLabelEvents.id));
  const own = ownChangesSince(rows, seen.from, deviceId);
  const foreign = rows.find((r) => r.deviceId !== deviceId);
  let last = foreign ?? rows[0] ?? null;
  if (!last) {
    // the phone expected a version the item never reached (its own earlier change was refused): name the last change
    [last = null] = await tx
      .select({ at: itemLabelEvents.serverTime, by: users.displayName, deviceId: itemLabelEvents.deviceId, from: itemLabelEvents.fromStatus })
      .from(itemLabelEvents)
      .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
      .where(eq(itemLabelEvents.itemId, itemId))
      .orderBy(desc(itemLabelEvents.id))
      .limit(1);
  }
  return { own, last: last && { at: last.at, by: last.by } };
}

/**
 * `item.changeLabel`: compare-and-set on the version the phone saw (domain/sync/stale.ts). The same version (or only
 * this device's own changes since) → decide on current state; the item already at the target → already_in_state;
 * otherwise stale, with who changed it and when. Runs inside the push transaction.
 */
export async function applyChangeLabel({ tx, user, mutation, append, locked }: MutationContext): Promise<Decision> {
  const args = ZChangeLabelArgs.safeParse(mutation.args);
  const expected = ZChangeLabelExpected.safeParse(mutation.expected);
  if (!args.success || !expected.success) {
    throw args.error ? badInput(args.error.issues) : badInput(expected.error?.issues ?? [], "expected.");
  }
  const a = args.data;
  // as the batch's lock read it (this is the first change naming it), else read and locked here
  const item = locked?.take(items, a.itemId, mutation.mutationId) ?? (await tx.select().from(items).where(eq(items.id, a.itemId)).for("update"))[0];
  if (!item) throw new Rejection("not_found", { itemId: a.itemId });
  // Authorise before comparing with current state: a role that may not label this kind gets not_allowed,
  // never already_in_state (a success) nor a stale answer telling who changed the item and when.
  if (!mayChangeLabel(user.role, item.kind)) throw new Rejection("not_allowed", null);
  const current = { status: item.status, version: item.version, zoneCode: item.zoneCode };

  // Stale is decided on the version the phone saw, not on the label alone (docs/sync-protocol.md "Stale decisions"):
  // A→B→A in between is two changes the user never saw. Versions this device made itself do not count.
  const outcomeHolds = item.status === a.to && (a.zoneCode === undefined || a.zoneCode === item.zoneCode);
  let since: LabelChangeSince | null = null;
  if (item.version !== expected.data.version) {
    // The item may have changed earlier in this batch: write those events first, so they are counted and named.
    await append.flush(tx);
    since = await labelChangesSince(tx, item.id, expected.data, mutation.deviceId);
  }
  const verdict = judgeExpected({ current, expected: expected.data, ownVersionsSince: since?.own ?? 0, outcomeHolds });
  if (verdict === "already") return { status: "already_in_state", details: { current } };
  if (verdict === "stale") {
    if (!since) {
      await append.flush(tx);
      since = await labelChangesSince(tx, item.id, expected.data, mutation.deviceId);
    }
    throw new Rejection("stale", {
      current,
      seenVersion: expected.data.version,
      changedBy: since.last?.by ?? null,
      changedAt: since.last?.at?.toISOString() ?? null,
    });
  }

  const zoneCode = a.zoneCode ?? item.zoneCode;
  // The zone matters only for the quarantine rule (its kind and the label its area is designated for); a new
  // zone must exist.
  let zone: { kind: TZoneKind; holds: TItemStatus | null } | null = null;
  if (zoneCode && (a.zoneCode !== undefined || requiresQuarantineZone(a.to))) {
    [zone = null] = await tx.select({ kind: zones.kind, holds: zones.holds }).from(zones).where(eq(zones.code, zoneCode));
    if (!zone) throw new Rejection("unknown_zone", { zoneCode });
  }
  // ADR 0035 §5: what came in on a receipt is labelled 合格 or 退货 by its Quality Acceptance Form only (receipt.label)
  if (item.receiptLineId !== null && item.status === "pending_inspection" && (a.to === "accepted" || a.to === "returned")) {
    throw new Rejection("not_inspected", { current });
  }
  // v1 is what phones queued before permanent labels needed their photo and their designated area (issue 10): an old
  // outbox is still judged by the rules it was made under (DESIGN.md §3: a deploy never rejects queued work)
  const legacy = mutation.schemaVersion === 1;
  const check = checkLabelChange({
    role: user.role,
    kind: item.kind,
    from: item.status,
    to: a.to,
    reason: a.reason,
    note: a.note,
    zoneKind: zone?.kind ?? null,
    zoneHolds: legacy ? null : (zone?.holds ?? null),
    photo: legacy || a.photo !== undefined,
  });
  if (!check.ok) throw new Rejection(check.code, { current, ...(check.code === "quarantine_zone_required" ? { zoneFor: a.to } : {}) });
  if (a.responsibleId !== undefined && QUARANTINE_STATUSES.includes(a.to) && !(await isActiveUser(tx, a.responsibleId))) {
    throw new Rejection("responsible_required", { current, responsibleId: a.responsibleId });
  }

  return { status: "applied", write: () => writeChange({ tx, user, mutation, append, args: a, item, zoneCode }) };
}

/** The writes of an accepted change: projection, event, evidence and audit, in the push transaction. */
async function writeChange({
  tx,
  user,
  mutation,
  append,
  args: a,
  item,
  zoneCode,
}: MutationContext & { args: TChangeLabelArgs; item: typeof items.$inferSelect; zoneCode: string | null }): Promise<void> {
  const now = new Date();
  const version = item.version + 1;
  const photoSha256 = a.photo ? await storeEvidence(tx, { photo: a.photo, userId: user.id }) : null;
  // quarantine (ADR 0035 §6): entering a quarantine label names the person responsible (default: who labels it) and
  // starts its age; leaving quarantine clears both
  const quarantine = QUARANTINE_STATUSES.includes(a.to)
    ? { quarantinedAt: now, responsibleId: a.responsibleId ?? user.id }
    : QUARANTINE_STATUSES.includes(item.status)
      ? { quarantinedAt: null, responsibleId: null }
      : {};
  await tx
    .update(items)
    .set({ status: a.to, version, zoneCode, updatedAt: now, updatedBy: user.id, ...quarantine })
    .where(eq(items.id, item.id));
  if (quarantine.responsibleId) {
    await noticeQuarantineAssigned(tx, {
      itemId: item.id,
      tag: item.tagCode,
      name: item.name,
      status: a.to,
      zoneCode,
      responsibleId: quarantine.responsibleId,
      by: user.id,
      since: now,
    });
  }
  append.add(itemLabelEvents, {
    itemId: item.id,
    fromStatus: item.status,
    toStatus: a.to,
    reason: a.reason,
    note: a.note,
    fromZone: item.zoneCode,
    toZone: zoneCode,
    actorId: user.id,
    deviceId: mutation.deviceId,
    mutationId: mutation.mutationId,
    clientTime: new Date(mutation.clientTime),
    serverTime: now,
    lat: a.geo?.lat ?? null,
    lng: a.geo?.lng ?? null,
    accuracy: a.geo?.accuracy ?? null,
    versionAfter: version,
    photoSha256,
  });
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "item",
      subjectId: item.id,
      at: now,
      event: {
        name: "item.labelChanged",
        payload: {
          from: item.status,
          to: a.to,
          reason: a.reason,
          fromZone: item.zoneCode,
          toZone: zoneCode,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
}

/**
 * The offline mutations that change an item named by `args.itemId`: label changes, and the warehouse's labelling by the
 * form and issues/returns (server/warehouse). Their items are locked here, in one sorted pass.
 */
const ITEM_MUTATIONS: ReadonlySet<string> = new Set(["item.changeLabel", "receipt.label", "stock.move"]);

/**
 * Locks, in id order, every item a batch's label changes, labels by the form and stock moves touch, before any of
 * them is decided: two batches touching the same items then wait for each other instead of deadlocking.
 */
export async function lockItemsOf(tx: MutationContext["tx"], mutations: readonly MutationContext["mutation"][], locked: LockedRows): Promise<void> {
  /** Each item, with the first mutation of the batch that names it (the one the locked row is kept for). */
  const first = new Map<string, string>();
  for (const m of mutations) {
    if (!ITEM_MUTATIONS.has(m.name)) continue;
    const id = (m.args as { itemId?: unknown } | null)?.itemId;
    if (isUuid(id) && !first.has(id.toLowerCase())) first.set(id.toLowerCase(), m.mutationId);
  }
  if (first.size === 0) return;
  const rows = await tx
    .select()
    .from(items)
    .where(inArray(items.id, [...first.keys()].sort()))
    .orderBy(asc(items.id))
    .for("update");
  for (const row of rows) locked.put(items, row.id, first.get(row.id.toLowerCase())!, row);
}
