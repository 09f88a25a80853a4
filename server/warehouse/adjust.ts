import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { countDifferences, items, stockCounts, stockEvents, zones } from "@/db/schema";
import { checkResolution, type TResolution } from "@/domain/warehouse/count";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { ruleViolation } from "./inspect";

/**
 * `warehouse.confirmAdjustment`: the keeper settles one difference of a stock-take with a resolution and a reason.
 * Locks the count (so that two confirmations of one count see each other when settling it), the difference and its
 * item. Confirming again with the same resolution is a success that changes nothing; another resolution is refused.
 * Only `write_off` (off its zone, missing since now) and `move_here` (its record moves to the counted zone) change
 * the item; every confirmation leaves a stock event `adjusted` (when the tag is known) and the audit event; the
 * count is settled once none is open.
 */
export async function confirmAdjustment(
  db: Db,
  user: SessionUser,
  input: { differenceId: string; resolution: TResolution; reason: string },
  now: Date = clockNow(),
): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const [ref] = await tx.select({ countId: countDifferences.countId }).from(countDifferences).where(eq(countDifferences.id, input.differenceId));
    if (!ref) throw new AppError("not_found");
    const [count] = await tx.select().from(stockCounts).where(eq(stockCounts.id, ref.countId)).for("update");
    const [d] = await tx.select().from(countDifferences).where(eq(countDifferences.id, input.differenceId)).for("update");
    if (!count || !d) throw new AppError("not_found");
    if (d.resolution !== null) {
      if (d.resolution === input.resolution) return { ok: true as const };
      throw new AppError("invalid_transition", { resolution: d.resolution });
    }
    const [item] = d.itemId ? await tx.select().from(items).where(eq(items.id, d.itemId)).for("update") : [];
    const [zone] = await tx.select({ kind: zones.kind, holds: zones.holds }).from(zones).where(eq(zones.code, count.zoneCode));
    if (!zone) throw new AppError("not_found");
    const check = checkResolution({ kind: d.kind, resolution: input.resolution, reason: input.reason, zone, status: item?.status ?? null });
    if (!check.ok) throw check.code === "invalid_transition" ? new AppError("invalid_transition", { kind: d.kind }) : ruleViolation(check.code);

    let zoneAfter = item?.zoneCode ?? null;
    if (item && (input.resolution === "write_off" || input.resolution === "move_here")) {
      zoneAfter = input.resolution === "write_off" ? null : count.zoneCode;
      await tx
        .update(items)
        .set({
          zoneCode: zoneAfter,
          missingSince: input.resolution === "write_off" ? now : null,
          version: item.version + 1,
          updatedAt: now,
          updatedBy: user.id,
        })
        .where(eq(items.id, item.id));
    }
    if (item)
      await tx.insert(stockEvents).values({
        itemId: item.id,
        kind: "adjusted",
        quantity: item.quantity,
        zoneCode: zoneAfter,
        ref: count.id,
        note: input.reason,
        actorId: user.id,
        at: now,
      });
    await tx
      .update(countDifferences)
      .set({ resolution: input.resolution, reason: input.reason, resolvedBy: user.id, resolvedAt: now })
      .where(eq(countDifferences.id, d.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "stock_count",
      subjectId: count.id,
      at: now,
      event: { name: "count.adjusted", payload: { countId: count.id, tag: d.tag, kind: d.kind, resolution: input.resolution, reason: input.reason } },
    });
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(countDifferences)
      .where(and(eq(countDifferences.countId, count.id), isNull(countDifferences.resolution)));
    if ((open?.n ?? 0) === 0 && count.settledAt === null) await tx.update(stockCounts).set({ settledAt: now }).where(eq(stockCounts.id, count.id));
    return { ok: true as const };
  });
}
