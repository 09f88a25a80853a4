import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { maintenanceAgreements, users } from "@/db/schema";
import { isWellFormedPng } from "@/domain/evidence/png";
import { agreementCovers, mayEndMaintenance, mayReadMaintenance, mayRecordMaintenance, phoneDigits, type TMaintenanceStatus } from "@/domain/property/model";
import type { TMaintenanceInput } from "@/domain/property/schemas";
import { daysBetween } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import { MAX_SIGNATURE_BYTES } from "@/domain/work-orders/mutations";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { assertVersion, fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { storeEvidence } from "@/server/evidence/service";
import { nextCode } from "./counters";

/** The audit subject of an agreement. */
export const AGREEMENT_SUBJECT = "maintenance_agreement";
export const MAINTENANCE_PAGE_SIZE = 50;

/** Who may record, end and read agreements: the domain's rules (domain/property/model.ts). */
export { mayEndMaintenance, mayReadMaintenance, mayRecordMaintenance };

type Row = typeof maintenanceAgreements.$inferSelect;

/** An agreement as the screens show it: whether it covers today and the days left of its period. */
function shape(r: Row, today: string) {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    customerAddress: r.customerAddress,
    equipment: r.equipment,
    appliedOn: r.appliedOn,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    inForce: agreementCovers(r, today),
    daysLeft: r.status === "active" && r.startsOn <= today ? daysBetween(today, r.endsOn) : null,
    createdAt: r.createdAt,
    version: r.version,
  };
}

/**
 * `maintenance.record`: a customer's application and the agreement (equipment covered, period, terms, the customer's
 * signature drawn on screen, who offered the service), MA-YYYY-NNNN, in force from its start day; audited
 * `maintenance.recorded`. The application is not dated in the future; whoever offered it is an active user.
 */
export async function recordMaintenance(db: Db, user: SessionUser, input: TMaintenanceInput, now: Date = clockNow()): Promise<{ id: string; code: string }> {
  if (!mayRecordMaintenance(user)) throw new AppError("forbidden");
  const today = operatorDay(now);
  if (input.appliedOn > today) throw fieldError("appliedOn", "property.maintenance.appliedOnFuture");
  if (input.signature) {
    const png = Buffer.from(input.signature.base64, "base64");
    if (png.length > MAX_SIGNATURE_BYTES) throw fieldError("signature", "validation.signatureTooLarge");
    if (!isWellFormedPng(new Uint8Array(png))) throw fieldError("signature", "property.works.signatureInvalid");
  }
  return db.transaction(async (tx) => {
    const offeredBy = input.offeredBy ?? user.id;
    const [offerer] = await tx.select({ active: users.active }).from(users).where(eq(users.id, offeredBy));
    if (!offerer?.active) throw fieldError("offeredBy", "property.maintenance.offeredBy");
    const signatureSha256 = input.signature ? await storeEvidence(tx, { photo: { mime: "image/png", base64: input.signature.base64 }, userId: user.id }) : null;
    const code = await nextCode(tx, "maintenance", now);
    const id = randomUUID();
    await tx.insert(maintenanceAgreements).values({
      id,
      code,
      status: "active",
      customerName: input.customerName,
      customerPhone: input.customerPhone,
      customerPhoneDigits: phoneDigits(input.customerPhone),
      customerAddress: input.customerAddress,
      equipment: input.equipment,
      appliedOn: input.appliedOn,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      terms: input.terms,
      offeredBy,
      signatureSha256,
      createdBy: user.id,
      createdAt: now,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: AGREEMENT_SUBJECT,
      subjectId: id,
      at: now,
      event: {
        name: "maintenance.recorded",
        payload: { code, customerName: input.customerName, startsOn: input.startsOn, endsOn: input.endsOn, equipment: input.equipment },
      },
    });
    return { id, code };
  });
}

/** What the search box means: an agreement's number (MA-…), a phone number (its digits), else the customer's name. */
function searchWhere(raw: string): SQL | undefined {
  const q = raw.trim();
  if (q === "") return undefined;
  const m = maintenanceAgreements;
  const esc = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  if (/^ma-?\d*$/i.test(q) || /^ma-\d{4}-/i.test(q)) return sql`${m.code} like ${`${esc(q.toUpperCase().replace(/^MA-?/, "MA-"))}%`}`;
  const digits = phoneDigits(q);
  if (digits.length >= 3 && /^[\d\s()+\-.]+$/.test(q)) return sql`${m.customerPhoneDigits} like ${`%${esc(digits)}%`}`;
  return or(ilike(m.customerName, `%${esc(q)}%`), ilike(m.customerAddress, `%${esc(q)}%`));
}

/** The register: agreements in force first (by their end), then the others, newest first; 50 a page. */
export async function listMaintenance(db: Db, user: SessionUser, f: { q: string; status: TMaintenanceStatus | null; page: number }, now: Date = clockNow()) {
  if (!mayReadMaintenance(user)) return { rows: [], total: 0, pageSize: MAINTENANCE_PAGE_SIZE };
  const m = maintenanceAgreements;
  const where = and(searchWhere(f.q), f.status ? eq(m.status, f.status) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(m)
      .where(where)
      .orderBy(sql`${m.status} <> 'active'`, asc(sql`case when ${m.status} = 'active' then ${m.endsOn} end`), desc(m.createdAt), desc(m.code))
      .limit(MAINTENANCE_PAGE_SIZE)
      .offset((f.page - 1) * MAINTENANCE_PAGE_SIZE),
    db.select({ n: count() }).from(m).where(where),
  ]);
  const today = operatorDay(now);
  return { rows: rows.map((r) => shape(r, today)), total: total?.n ?? 0, pageSize: MAINTENANCE_PAGE_SIZE };
}

const offerer = alias(users, "offerer");
const creator = alias(users, "creator");

/** One agreement with its terms, who offered and recorded it, its signature and whether the caller may end it. */
export async function getMaintenance(db: Db, user: SessionUser, id: string, now: Date = clockNow()) {
  if (!mayReadMaintenance(user)) throw new AppError("not_found");
  const [row] = await db
    .select({ a: maintenanceAgreements, offeredByName: offerer.displayName, createdByName: creator.displayName })
    .from(maintenanceAgreements)
    .leftJoin(offerer, eq(offerer.id, maintenanceAgreements.offeredBy))
    .innerJoin(creator, eq(creator.id, maintenanceAgreements.createdBy))
    .where(eq(maintenanceAgreements.id, id));
  if (!row) throw new AppError("not_found");
  const a = row.a;
  return {
    ...shape(a, operatorDay(now)),
    terms: a.terms,
    offeredBy: a.offeredBy,
    offeredByName: row.offeredByName,
    createdBy: a.createdBy,
    createdByName: row.createdByName,
    signatureSha256: a.signatureSha256,
    endReason: a.cancelReason,
    mayEnd: a.status === "active" && mayEndMaintenance(user),
  };
}

/**
 * `maintenance.end`: an agreement in force ends early with a reason (the customer cancelled, the equipment is gone):
 * `ended`, or `cancelled` when its period had not started. Compared by version; audited `maintenance.ended`.
 */
export async function endMaintenance(
  db: Db,
  user: SessionUser,
  input: { id: string; version: number; reason: string },
  now: Date = clockNow(),
): Promise<{ id: string; status: TMaintenanceStatus; version: number }> {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(maintenanceAgreements).where(eq(maintenanceAgreements.id, input.id)).for("update");
    if (!a || !mayReadMaintenance(user)) throw new AppError("not_found");
    if (!mayEndMaintenance(user)) throw new AppError("forbidden");
    assertVersion(a, input.version);
    if (a.status !== "active") throw new AppError("invalid_transition", { status: a.status });
    const status: TMaintenanceStatus = operatorDay(now) < a.startsOn ? "cancelled" : "ended";
    const version = a.version + 1;
    await tx.update(maintenanceAgreements).set({ status, cancelReason: input.reason, version }).where(eq(maintenanceAgreements.id, a.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: AGREEMENT_SUBJECT,
      subjectId: a.id,
      at: now,
      event: { name: "maintenance.ended", payload: { code: a.code, reason: input.reason, status } },
    });
    return { id: a.id, status, version };
  });
}

/**
 * `maintenance.forCustomer`: the agreement in force today for a customer's phone (matched by its digits, as key
 * customers are), the one ending last when several are; null when none (or too few digits to match anyone).
 */
export async function maintenanceForCustomer(db: Db, phone: string, now: Date = clockNow()) {
  const digits = phoneDigits(phone);
  if (digits.length < 5) return null;
  const today = operatorDay(now);
  const m = maintenanceAgreements;
  const [row] = await db
    .select()
    .from(m)
    .where(and(eq(m.customerPhoneDigits, digits), eq(m.status, "active"), lte(m.startsOn, today), gte(m.endsOn, today)))
    .orderBy(desc(m.endsOn), desc(m.createdAt))
    .limit(1);
  if (!row || !agreementCovers(row, today)) return null;
  return { ...shape(row, today), terms: row.terms };
}
