import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { workOrders } from "@/db/schema";
import { isUuid, type TMutationEnvelope } from "@/domain/sync/protocol";
import { isWorkOrderOffice, workOrderActor } from "@/domain/work-orders/preconditions";
import type { TWorkOrderActor } from "@/domain/work-orders/status";
import type { SessionUser } from "@/server/auth/session";
import { badInput, Rejection } from "@/server/sync/rejection";

export type WorkOrderRow = typeof workOrders.$inferSelect;

/** Parses a mutation's args (or expected) with its schema from domain/, or rejects the mutation as bad_input. */
export function parseOrReject<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  // NUL and lone surrogates never get here: sync.push refuses them first (domain/text/input.ts).
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badInput(parsed.error.issues);
  return parsed.data;
}

/**
 * The work order a mutation names, locked, with how the user stands to it. Someone who is neither its lineman nor
 * the office gets not_allowed whether or not it exists (another lineman's order is not even confirmed to exist);
 * the office gets not_found for an order that does not exist.
 */
export async function lockWorkOrderFor(tx: Db, user: SessionUser, workOrderId: string): Promise<{ workOrder: WorkOrderRow; actor: TWorkOrderActor }> {
  const [workOrder] = await tx.select().from(workOrders).where(eq(workOrders.id, workOrderId)).for("update");
  const actor = workOrder ? workOrderActor(user, workOrder) : null;
  if (workOrder && actor) return { workOrder, actor };
  if (!workOrder && isWorkOrderOffice(user.role)) throw new Rejection("not_found", { workOrderId });
  throw new Rejection("not_allowed", null);
}

/** The same, for the lineman's own facts (checks, sign-offs, photos): only the assigned lineman records them. */
export async function lockOwnWorkOrder(tx: Db, user: SessionUser, workOrderId: string): Promise<WorkOrderRow> {
  const { workOrder, actor } = await lockWorkOrderFor(tx, user, workOrderId);
  if (actor !== "assignee") throw new Rejection("not_allowed", null);
  return workOrder;
}

/**
 * Locks, in id order, every work order a batch's workOrder.* mutations name, before any is decided (after the
 * items: server/sync/domains.ts lockBatch), so two batches touching the same orders wait instead of deadlocking.
 */
export async function lockWorkOrdersOf(tx: Db, mutations: readonly TMutationEnvelope[]): Promise<void> {
  const ids = new Set<string>();
  for (const m of mutations) {
    if (!m.name.startsWith("workOrder.")) continue;
    const id = (m.args as { workOrderId?: unknown } | null)?.workOrderId;
    if (isUuid(id)) ids.add(id.toLowerCase());
  }
  if (ids.size === 0) return;
  await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(inArray(workOrders.id, [...ids].sort()))
    .orderBy(asc(workOrders.id))
    .for("update");
}
