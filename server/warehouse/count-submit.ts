import "server-only";
import { and, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, countDifferences as countDifferencesTable, items, stockCounts, stockEvents, zones } from "@/db/schema";
import type { TZoneFacts } from "@/domain/items/labels";
import { countDifferences, DIFFERENCE_KINDS, ZoneCount, type TCountItem, type TDifference, type TDifferenceKind } from "@/domain/warehouse/count";
import { mayReceive } from "@/domain/warehouse/model";
import { ZSubmitCountArgs, type TSubmitCountArgs } from "@/domain/warehouse/schemas";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { noticeCountDifferences } from "./notify";
import { lockRecordId } from "./receive";

const CHUNK = 1000;

/**
 * The server's own picture of a zone at submit: the items on hand recorded in it (an issued serialised item, 0 on
 * hand, is with its holder, not on the shelf) and every scanned tag's item wherever it is recorded.
 */
async function zoneState(tx: Db, zoneCode: string, scans: readonly string[]): Promise<{ byTag: Map<string, TCountItem>; quantity: Map<string, number> }> {
  const cols = { id: items.id, tag: items.tagCode, status: items.status, zoneCode: items.zoneCode, quantity: items.quantity };
  const rows = await tx
    .select(cols)
    .from(items)
    .where(and(eq(items.zoneCode, zoneCode), gt(items.quantity, 0)));
  const tags = [...new Set(scans)];
  for (let i = 0; i < tags.length; i += CHUNK) {
    rows.push(
      ...(await tx
        .select(cols)
        .from(items)
        .where(inArray(items.tagCode, tags.slice(i, i + CHUNK)))),
    );
  }
  const byTag = new Map<string, TCountItem>();
  const quantity = new Map<string, number>();
  for (const r of rows) {
    byTag.set(r.tag, { id: r.id, tag: r.tag, status: r.status, zoneCode: r.zoneCode });
    quantity.set(r.id, r.quantity);
  }
  return { byTag, quantity };
}

/**
 * `count.submit` v1: a finished stock-take of a zone from the keeper's phone, its id made on the phone: a resent count
 * (the same mutation, or another mutation of the same count) applies once. The server compares the scans again with
 * its own state (domain/warehouse/count.ts, the same code as the phone) and stores the differences for the keeper to
 * confirm one by one; the records change only by those confirmations.
 */
export async function applySubmitCount({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZSubmitCountArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const a = parsed.data;
  if (!mayReceive(user.role)) throw new Rejection("not_allowed");
  await lockRecordId(tx, a.id);
  const [existing] = await tx
    .select({ zoneCode: stockCounts.zoneCode, expected: stockCounts.expected, found: stockCounts.found, differences: stockCounts.differences })
    .from(stockCounts)
    .where(eq(stockCounts.id, a.id));
  if (existing) return { status: "already_in_state", details: { current: existing } };
  const [zone] = await tx.select({ code: zones.code, kind: zones.kind, holds: zones.holds }).from(zones).where(eq(zones.code, a.zoneCode));
  if (!zone) throw new Rejection("unknown_zone", { zoneCode: a.zoneCode });
  return { status: "applied", write: () => writeCount({ tx, user, mutation, append }, a, zone) };
}

async function writeCount({ tx, user, mutation, append }: MutationContext, a: TSubmitCountArgs, zone: TZoneFacts): Promise<void> {
  const now = serverNow();
  const scans = [...new Set(a.scans)];
  const { byTag, quantity } = await zoneState(tx, zone.code, scans);
  const count = new ZoneCount(zone, byTag);
  for (const tag of scans) count.scan(tag);
  const differences: TDifference[] = countDifferences(zone, byTag, scans);
  await tx.insert(stockCounts).values({
    id: a.id,
    zoneCode: zone.code,
    countedBy: user.id,
    startedAt: new Date(a.startedAt),
    submittedAt: now,
    deviceId: mutation.deviceId,
    mutationId: mutation.mutationId,
    scans,
    expected: count.expectedCount,
    found: count.found.length,
    differences: differences.length,
  });
  for (let i = 0; i < differences.length; i += 500) {
    await tx
      .insert(countDifferencesTable)
      .values(
        differences
          .slice(i, i + 500)
          .map((d) => ({ countId: a.id, kind: d.kind, tag: d.tag, itemId: d.itemId, recordedZone: d.recordedZone, statusAtCount: d.status })),
      );
  }
  for (const item of count.found) {
    append.add(stockEvents, {
      itemId: item.id,
      kind: "counted",
      quantity: quantity.get(item.id) ?? null,
      zoneCode: zone.code,
      ref: a.id,
      actorId: user.id,
      at: now,
      mutationId: mutation.mutationId,
    });
  }
  const byKind = Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, 0])) as Record<TDifferenceKind, number>;
  for (const d of differences) byKind[d.kind]++;
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "stock_count",
      subjectId: a.id,
      at: now,
      event: {
        name: "count.submitted",
        payload: {
          zoneCode: zone.code,
          scans: scans.length,
          expected: count.expectedCount,
          found: count.found.length,
          differences: byKind,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
  await noticeCountDifferences(tx, { id: a.id, zoneCode: zone.code, differences: differences.length });
}
