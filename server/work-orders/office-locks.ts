import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workOrders } from "@/db/schema";
import { AppError } from "@/server/errors";

/** Locks a work order for the rest of the transaction, before its state is checked (house rule 2). */
export async function lockWorkOrderForUpdate(tx: Db, workOrderId: string) {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, workOrderId)).for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * The lineman a work order goes to: an active user with the lineman role. The row is share-locked, so an admin
 * cannot disable them (users.setActive locks it for update) until this transaction ends.
 */
export async function lockActiveLineman(tx: Db, userId: string) {
  const [row] = await tx
    .select({ id: users.id, role: users.role, active: users.active, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId))
    .for("share");
  if (!row || row.role !== "lineman" || !row.active) throw new AppError("assignee_invalid");
  return row;
}
