import "server-only";
import { and, count, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, auditEvents, itemLabelEvents, items, receiptLines, receipts, stockEvents, users, zones } from "@/db/schema";
import { requiresLabelPhoto, type TItemStatus, type TZoneFacts } from "@/domain/items/labels";
import { isQuarantined, mayReceive, planLabelByForm, type TLabelPlan } from "@/domain/warehouse/model";
import { ZItemExpected, ZLabelByFormArgs, type TLabelByFormArgs } from "@/domain/warehouse/schemas";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { isActiveUser, noticeQuarantineAssigned } from "./notify";
import { assertNewTags } from "./tags-check";

type TItem = typeof items.$inferSelect;
type TPlanned = Extract<TLabelPlan, { ok: true }>;

/** The form line of a tag, with its form's code; null when the tag is on no signed form. */
async function formLineOf(tx: Db, itemId: string) {
  const [row] = await tx
    .select({
      formCode: acceptanceForms.code,
      accepted: acceptanceLines.accepted,
      rejected: acceptanceLines.rejected,
      rejectTo: acceptanceLines.rejectTo,
      reason: acceptanceLines.reason,
    })
    .from(acceptanceLines)
    .innerJoin(acceptanceForms, eq(acceptanceForms.id, acceptanceLines.formId))
    .where(eq(acceptanceLines.itemId, itemId));
  return row ?? null;
}

async function zoneFacts(tx: Db, code: string | undefined): Promise<TZoneFacts | null> {
  if (code === undefined) return null;
  const [zone] = await tx.select({ code: zones.code, kind: zones.kind, holds: zones.holds }).from(zones).where(eq(zones.code, code));
  if (!zone) throw new Rejection("unknown_zone", { zoneCode: code });
  return zone;
}

/** Label events after the version the phone saw: whether all were this device's, and who last changed it when. */
async function changesSince(tx: Db, itemId: string, version: number, deviceId: string) {
  const rows = await tx
    .select({ at: itemLabelEvents.serverTime, by: users.displayName, deviceId: itemLabelEvents.deviceId })
    .from(itemLabelEvents)
    .leftJoin(users, eq(users.id, itemLabelEvents.actorId))
    .where(and(eq(itemLabelEvents.itemId, itemId), gt(itemLabelEvents.versionAfter, version)))
    .orderBy(desc(itemLabelEvents.id));
  const foreign = rows.find((r) => r.deviceId !== deviceId);
  const last = foreign ?? rows[0] ?? null;
  return { allOwn: rows.length > 0 && foreign === undefined, last };
}

/**
 * `receipt.label` v1: the keeper labels one tag by its line on the Quality Acceptance Form (ADR 0035 §5), maybe
 * offline: all accepted → 合格 in a stock zone; all rejected → the form's label in the quarantine area designated for it,
 * with a person responsible; accepted in part → the tag keeps the accepted quantity and a new lot tag (from a lease)
 * takes the rejected part into quarantine. Compare-and-set on the version the phone saw, like item.changeLabel.
 */
export async function applyLabelByForm({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const args = ZLabelByFormArgs.safeParse(mutation.args);
  const expected = ZItemExpected.safeParse(mutation.expected);
  if (!args.success) throw badInput(args.error.issues);
  if (!expected.success) throw badInput(expected.error.issues, "expected.");
  const a = args.data;
  if (!mayReceive(user.role)) throw new Rejection("not_allowed");
  const [item] = await tx.select().from(items).where(eq(items.id, a.itemId)).for("update");
  if (!item) throw new Rejection("not_found", { itemId: a.itemId });
  const current = { status: item.status, version: item.version, zoneCode: item.zoneCode, quantity: item.quantity };
  if (item.version !== expected.data.version) {
    // earlier changes of this batch are counted and named too
    await append.flush(tx);
    const since = await changesSince(tx, item.id, expected.data.version, mutation.deviceId);
    // labelled already by this phone (the same step re-issued): nothing to do
    if (since.allOwn && item.status !== "pending_inspection" && item.version > expected.data.version)
      return { status: "already_in_state", details: { current } };
    throw new Rejection("stale", {
      current,
      seenVersion: expected.data.version,
      changedBy: since.last?.by ?? null,
      changedAt: since.last?.at?.toISOString() ?? null,
    });
  }
  const line = await formLineOf(tx, item.id);
  if (!line) throw new Rejection("not_inspected", { current });
  const stockZone = await zoneFacts(tx, a.stockZone);
  const quarantineZone = await zoneFacts(tx, a.quarantineZone);
  const responsibleId = a.responsibleId ?? null;
  const plan = planLabelByForm(item, line, { stockZone, quarantineZone, splitTag: a.splitTag ?? null, responsibleId });
  if (!plan.ok) throw new Rejection(plan.code, { current, ...(plan.code === "quarantine_zone_required" ? { zoneFor: line.rejectTo ?? "returned" } : {}) });
  if (plan.responsibleId && !(await isActiveUser(tx, plan.responsibleId))) throw new Rejection("responsible_required", { responsibleId: plan.responsibleId });
  if (plan.split) await assertNewTags(tx, [plan.split.tag]);
  const permanent = requiresLabelPhoto(plan.keep.status) || (plan.split !== null && requiresLabelPhoto(plan.split.status));
  if (permanent && !a.photo) throw new Rejection("photo_required", { current });
  return { status: "applied", write: () => writeLabel({ tx, user, mutation, append }, a, item, plan, line.formCode) };
}

async function writeLabel({ tx, user, mutation, append }: MutationContext, a: TLabelByFormArgs, item: TItem, plan: TPlanned, formCode: string): Promise<void> {
  const now = serverNow();
  const photoSha256 = a.photo ? await storeEvidence(tx, { photo: a.photo, userId: user.id }) : null;
  const keepQuarantined = isQuarantined(plan.keep.status);
  const version = item.version + 1;
  await tx
    .update(items)
    .set({
      status: plan.keep.status,
      zoneCode: plan.keep.zoneCode,
      quantity: plan.keep.quantity,
      version,
      updatedAt: now,
      updatedBy: user.id,
      ...(keepQuarantined ? { quarantinedAt: now, responsibleId: plan.responsibleId } : {}),
    })
    .where(eq(items.id, item.id));
  const event = (itemId: string, from: TItemStatus | null, to: TItemStatus, fromZone: string | null, toZone: string, versionAfter: number, main: boolean) => ({
    itemId,
    fromStatus: from,
    toStatus: to,
    reason: to === "accepted" ? ("inspection_passed" as const) : ("inspection_failed" as const),
    note: "",
    fromZone,
    toZone,
    actorId: user.id,
    deviceId: mutation.deviceId,
    // unique column: the mutation is named on the labelled tag's event
    mutationId: main ? mutation.mutationId : null,
    clientTime: new Date(mutation.clientTime),
    serverTime: now,
    versionAfter,
    photoSha256: requiresLabelPhoto(to) ? photoSha256 : null,
  });
  append.add(itemLabelEvents, event(item.id, item.status, plan.keep.status, item.zoneCode, plan.keep.zoneCode, version, true));
  // the tag that went into quarantine (the labelled one, or the split part), for its person responsible
  let quarantined: { id: string; tag: string; status: TItemStatus; zoneCode: string } | null = keepQuarantined
    ? { id: item.id, tag: item.tagCode, status: plan.keep.status, zoneCode: plan.keep.zoneCode }
    : null;

  if (plan.split) {
    const s = plan.split;
    const [created] = await tx
      .insert(items)
      .values({
        tagCode: s.tag,
        kind: item.kind,
        name: item.name,
        zoneCode: s.zoneCode,
        status: s.status,
        version: 1,
        quantity: s.quantity,
        materialCode: item.materialCode,
        receiptLineId: item.receiptLineId,
        splitFrom: item.id,
        responsibleId: plan.responsibleId,
        quarantinedAt: isQuarantined(s.status) ? now : null,
        updatedAt: now,
        updatedBy: user.id,
      })
      .returning({ id: items.id });
    append.add(itemLabelEvents, event(created!.id, null, s.status, null, s.zoneCode, 1, false));
    if (isQuarantined(s.status)) quarantined = { id: created!.id, tag: s.tag, status: s.status, zoneCode: s.zoneCode };
    const split = { kind: "split" as const, quantity: s.quantity, actorId: user.id, at: now, mutationId: mutation.mutationId };
    append.add(stockEvents, { ...split, itemId: item.id, zoneCode: plan.keep.zoneCode, ref: s.tag, note: formCode });
    append.add(stockEvents, { ...split, itemId: created!.id, zoneCode: s.zoneCode, ref: item.tagCode, note: formCode });
  }

  const receiptId = await receiptOf(tx, item.receiptLineId);
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "receipt",
      subjectId: receiptId ?? item.id,
      at: now,
      event: {
        name: "receipt.labelled",
        payload: {
          formCode,
          tag: item.tagCode,
          status: plan.keep.status,
          zoneCode: plan.keep.zoneCode,
          quantity: plan.keep.quantity,
          split: plan.split,
          responsibleId: plan.responsibleId,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
  if (quarantined && plan.responsibleId) {
    await noticeQuarantineAssigned(tx, {
      itemId: quarantined.id,
      tag: quarantined.tag,
      name: item.name,
      status: quarantined.status,
      zoneCode: quarantined.zoneCode,
      responsibleId: plan.responsibleId,
      by: user.id,
      since: now,
    });
  }
  if (receiptId) await closeIfLabelled(tx, receiptId);
}

async function receiptOf(tx: Db, receiptLineId: string | null): Promise<string | null> {
  if (!receiptLineId) return null;
  const [line] = await tx.select({ receiptId: receiptLines.receiptId }).from(receiptLines).where(eq(receiptLines.id, receiptLineId));
  return line?.receiptId ?? null;
}

/** Once no tag of the receipt waits for its label, the receipt is labelled. */
async function closeIfLabelled(tx: Db, receiptId: string): Promise<void> {
  const [left] = await tx
    .select({ n: count() })
    .from(items)
    .innerJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
    .where(and(eq(receiptLines.receiptId, receiptId), eq(items.status, "pending_inspection")));
  if ((left?.n ?? 0) > 0) return;
  await tx
    .update(receipts)
    .set({ status: "labelled", version: sql`${receipts.version} + 1` })
    .where(and(eq(receipts.id, receiptId), ne(receipts.status, "labelled")));
}
