import "server-only";
import { and, asc, desc, eq, exists, gte, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { propertyCases, propertyRoundInspectors, propertyRoundItems, propertyRounds } from "@/db/schema";
import { MUTATION_VERSIONS } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { now as serverNow } from "@/server/clock";
import { feed, syncDomain } from "@/server/sync/contract";
import { applySubmitRound } from "./rounds-submit";

/** A submitted round stays in the feed this long, so the phone can show it "sent". */
export const SUBMITTED_ROUND_DAYS = 7;

/**
 * The inspection rounds on an inspector's phone (feed `propertyRounds`): the rounds this user is named on that are
 * scheduled (or were cancelled: the phone drops them), and those submitted in the last days. Each row carries its
 * case's customer and details, the named inspectors and the items with the previous round's result of each.
 */
export async function roundRows(tx: Db, user: SessionUser, where: SQL | undefined, limit: number) {
  const since = new Date(serverNow().getTime() - SUBMITTED_ROUND_DAYS * 86_400_000);
  const named = exists(
    tx
      .select({ one: propertyRoundInspectors.userId })
      .from(propertyRoundInspectors)
      .where(and(eq(propertyRoundInspectors.roundId, propertyRounds.id), eq(propertyRoundInspectors.userId, user.id))),
  );
  const rounds = await tx
    .select({
      id: propertyRounds.id,
      caseId: propertyRounds.caseId,
      caseCode: propertyCases.code,
      kind: propertyCases.kind,
      roundNo: propertyRounds.roundNo,
      status: propertyRounds.status,
      scheduledFor: propertyRounds.scheduledFor,
      note: propertyRounds.note,
      customerName: propertyCases.customerName,
      customerPhone: propertyCases.customerPhone,
      customerAddress: propertyCases.customerAddress,
      details: propertyCases.details,
      version: propertyRounds.version,
      txid: propertyRounds.txid,
    })
    .from(propertyRounds)
    .innerJoin(propertyCases, eq(propertyCases.id, propertyRounds.caseId))
    .where(and(named, or(inArray(propertyRounds.status, ["scheduled", "cancelled"]), gte(propertyRounds.submittedAt, since)), where))
    .orderBy(asc(propertyRounds.txid), asc(propertyRounds.id))
    .limit(limit);
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const [inspectors, items, previous] = await Promise.all([
    tx
      .select({
        roundId: propertyRoundInspectors.roundId,
        userId: propertyRoundInspectors.userId,
        name: propertyRoundInspectors.name,
        department: propertyRoundInspectors.department,
      })
      .from(propertyRoundInspectors)
      .where(inArray(propertyRoundInspectors.roundId, ids))
      .orderBy(asc(propertyRoundInspectors.name), asc(propertyRoundInspectors.userId)),
    tx.select().from(propertyRoundItems).where(inArray(propertyRoundItems.roundId, ids)).orderBy(asc(propertyRoundItems.sort), asc(propertyRoundItems.clause)),
    previousResults(
      tx,
      rounds.map((r) => ({ caseId: r.caseId, roundNo: r.roundNo })),
    ),
  ]);
  return rounds.map((r) => ({
    ...r,
    inspectors: inspectors.filter((i) => i.roundId === r.id).map(({ userId, name, department }) => ({ userId, name, department })),
    items: items
      .filter((i) => i.roundId === r.id)
      .map((i) => ({
        itemId: i.itemId,
        clause: i.clause,
        group: i.group,
        textZh: i.textZh,
        textEn: i.textEn,
        unit: i.unit,
        sort: i.sort,
        previous: previous.get(`${r.caseId}:${r.roundNo}:${i.itemId}`) ?? null,
      })),
  }));
}

/**
 * Each item's result in the latest submitted round before the given ones (by case), keyed `caseId:roundNo:itemId`:
 * what a re-inspection shows the inspector beside each item.
 */
async function previousResults(tx: Db, of: { caseId: string; roundNo: number }[]) {
  const out = new Map<string, { result: "pass" | "fail"; measurement: string; note: string }>();
  const caseIds = [...new Set(of.map((o) => o.caseId))];
  const done = await tx
    .select({ id: propertyRounds.id, caseId: propertyRounds.caseId, roundNo: propertyRounds.roundNo })
    .from(propertyRounds)
    .where(and(inArray(propertyRounds.caseId, caseIds), inArray(propertyRounds.status, ["passed", "failed"])))
    .orderBy(desc(propertyRounds.roundNo));
  const wanted = new Map<string, string[]>();
  for (const o of of) {
    const prev = done.find((d) => d.caseId === o.caseId && d.roundNo < o.roundNo);
    if (prev) wanted.set(prev.id, [...(wanted.get(prev.id) ?? []), `${o.caseId}:${o.roundNo}`]);
  }
  if (wanted.size === 0) return out;
  const rows = await tx
    .select()
    .from(propertyRoundItems)
    .where(inArray(propertyRoundItems.roundId, [...wanted.keys()]));
  for (const row of rows) {
    if (row.result === null) continue;
    for (const key of wanted.get(row.roundId) ?? []) out.set(`${key}:${row.itemId}`, { result: row.result, measurement: row.measurement, note: row.note });
  }
  return out;
}

/**
 * Customer property on the inspectors' phones (ADR 0039 §5): the rounds they are named on, and the round's
 * submission (`propertyRound.submit`).
 */
export const propertySync = syncDomain({
  name: "property",
  mutations: {
    "propertyRound.submit": { versions: MUTATION_VERSIONS["propertyRound.submit"], handler: applySubmitRound },
  },
  feeds: {
    /** A round's inspectors never change once scheduled: a round stays on its inspectors' phones. */
    propertyRounds: feed({
      scope: { phones: () => true, rows: "own", leaves: "never" },
      txid: propertyRounds.txid,
      rows: roundRows,
    }),
  },
});
