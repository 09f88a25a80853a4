/** Forms written straight into the tables for the desk, jobs and summary tests (the steps are tested by their own files). */
import { randomUUID } from "node:crypto";
import { complaints, keyCustomers, serviceLimitPolicies } from "@/db/schema";
import type { Db } from "@/db/client";
import { DEFAULT_POLICY } from "@/domain/complaints/deadlines";
import { phoneDigits } from "@/domain/complaints/codes";

export type TFormRow = typeof complaints.$inferInsert;

/** Policy version 1 (forms refer to it). */
export async function ensurePolicy(db: Db): Promise<void> {
  await db.insert(serviceLimitPolicies).values({ version: 1, limits: DEFAULT_POLICY, note: "test" }).onConflictDoNothing();
}

export async function makeKeyCustomer(db: Db, name: string, phone = "13900000000") {
  const [row] = await db
    .insert(keyCustomers)
    .values({ name, category: "government", contacts: [{ name: "联系人", phone }], phoneDigits: [phoneDigits(phone)] })
    .returning();
  return row!;
}

/** A form with sensible defaults; `contact` sets the digits too. */
export function form(code: string, recordedBy: string, o: Partial<TFormRow> = {}): TFormRow {
  const contact = o.contact ?? `138${code.slice(-4)}0000`;
  return {
    id: randomUUID(),
    code,
    kind: "complaint",
    channel: "counter",
    customerName: `客户 ${code.slice(-4)}`,
    words: "网速慢",
    status: "classified",
    receivedAt: new Date("2026-05-09T02:00:00Z"),
    dueAt: new Date("2026-05-11T16:00:00Z"),
    policyVersion: 1,
    recordedBy,
    ...o,
    contact,
    contactDigits: phoneDigits(contact),
  };
}
