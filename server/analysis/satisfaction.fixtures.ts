/** Rows written straight into the tables for the satisfaction and survey tests (the flows that make them have their own tests). */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { workOrderSignoffs, workOrders } from "@/db/schema";
import type { TAnswers } from "@/domain/analysis/satisfaction";
import { SATISFACTION_ELEMENTS } from "@/domain/analysis/satisfaction";
import { ensurePolicy, form } from "@/server/complaints/desk.fixtures";
import { complaints } from "@/db/schema";

let n = 0;

/** A work order of this customer, scheduled on `day` (closed unless said). */
export async function order(
  db: Db,
  o: { name: string; contact: string; day: string; key?: boolean; address?: string; status?: "closed" | "cancelled" | "assigned"; at?: Date },
): Promise<string> {
  n += 1;
  const [row] = await db
    .insert(workOrders)
    .values({
      code: `WO-T-${String(n).padStart(6, "0")}-${randomUUID().slice(0, 4)}`,
      kind: "install",
      customerName: o.name,
      address: o.address ?? `${o.name} 的地址`,
      contact: o.contact,
      service: "宽带",
      keyCustomer: o.key ?? false,
      scheduledFor: o.day,
      status: o.status ?? "closed",
      createdAt: o.at ?? new Date(`${o.day}T02:00:00Z`),
    })
    .returning({ id: workOrders.id });
  return row!.id;
}

/** The customer's signature with ratings (null: not rated), received at `at`. */
export async function signed(db: Db, workOrderId: string, at: string, attitude: number | null, onTime: number | null): Promise<void> {
  await db.insert(workOrderSignoffs).values({
    workOrderId,
    kind: "customer_signed",
    signerName: "客户",
    ratingAttitude: attitude,
    ratingOnTime: onTime,
    clientTime: new Date(at),
    serverTime: new Date(at),
  });
}

/** A closed complaint whose callback at `at` gave `satisfaction` (null: none told). */
export async function callback(db: Db, recordedBy: string, at: string, satisfaction: number | null, keyCustomerId: string | null = null): Promise<void> {
  await ensurePolicy(db);
  n += 1;
  await db.insert(complaints).values(
    form(`TS-T-${String(n).padStart(4, "0")}-${randomUUID().slice(0, 4)}`, recordedBy, {
      status: "closed",
      callbackAt: new Date(at),
      satisfaction,
      keyCustomerId,
      contact: `1390000${String(n).padStart(4, "0")}`,
    }),
  );
}

/** All eleven elements answered `score`, or as given (the rest null). */
export function answers(score: number | null, over: TAnswers = {}): Record<(typeof SATISFACTION_ELEMENTS)[number], number | null> {
  return Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, over[e] !== undefined ? over[e] : score])) as Record<
    (typeof SATISFACTION_ELEMENTS)[number],
    number | null
  >;
}
