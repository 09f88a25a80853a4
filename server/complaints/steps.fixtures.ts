/** People and forms for the complaints server tests: a caller per role, forms recorded straight into the table. */
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, complaintEscalations, complaintEvents, complaints, notices } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { phoneDigits } from "@/domain/complaints/codes";
import { createSession } from "@/server/auth/session";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { makeUser } from "@/tests/helpers/users";
import { nextComplaintCode } from "./numbering";
import { currentPolicy } from "./policy";

export interface TPerson {
  id: string;
  username: string;
  caller: Caller;
}

/** A user of this role and department, signed in (a session made directly: no argon2 per call). */
export async function person(db: Db, role: TRole, department: TDepartment = "terminal_service", active = true): Promise<TPerson> {
  const u = await makeUser(db, { role, department, active });
  const { token } = await createSession(db, { userId: u.id });
  return { id: u.id, username: u.username, caller: await callerFor(db, { cookie: `tm_session=${token}` }) };
}

export type TFormRow = typeof complaints.$inferInsert;

/** A form as the phone's record leaves it (status recorded, numbered, dated by the policy in force), then `o`. */
export async function recordedForm(db: Db, recordedBy: string, o: Partial<TFormRow> = {}) {
  const receivedAt = o.receivedAt ?? new Date();
  const policy = await currentPolicy(db);
  const contact = o.contact ?? "138 0013 8000 王先生";
  const [row] = await db
    .insert(complaints)
    .values({
      id: randomUUID(),
      code: await nextComplaintCode(db, receivedAt),
      kind: "complaint",
      channel: "counter",
      customerName: "王先生",
      words: "宽带三天两头断线",
      status: "recorded",
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + 86_400_000),
      policyVersion: policy.version,
      recordedBy,
      ...o,
      contact,
      contactDigits: phoneDigits(contact),
    })
    .returning();
  return row!;
}

export async function formById(db: Db, id: string) {
  const [row] = await db.select().from(complaints).where(eq(complaints.id, id));
  return row!;
}

export const eventsOf = (db: Db, id: string) => db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.id));
export const auditOf = (db: Db, id: string) => db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.id));
export const escalationsOf = (db: Db, id: string) =>
  db.select().from(complaintEscalations).where(eq(complaintEscalations.complaintId, id)).orderBy(asc(complaintEscalations.id));
export const noticesOf = (db: Db, userId: string) => db.select().from(notices).where(eq(notices.userId, userId)).orderBy(asc(notices.createdAt));

/** A 1×1 transparent PNG, base64. */
export const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
