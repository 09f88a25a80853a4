import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { maintenanceAgreements, propertyCases } from "@/db/schema";
import { phoneDigits } from "@/domain/property/model";
import {
  caseLinkable,
  coveringAgreement,
  linkedCaseSummary,
  maintenanceDay,
  maintenanceSummary,
  showsMaintenance,
  type TCaseLink,
  type TLinkedCase,
  type TMaintenanceSummary,
} from "@/domain/work-orders/property-link";
import type { TWorkOrderKind } from "@/domain/work-orders/status";
import { fieldError } from "@/server/complaints/access";

/**
 * A work order's customer property (ADR 0039 §6, §9), read where the order is: the case it is linked to (the phone's
 * feed row, the office detail, the record, the rules at the check and the self-check) and, for a terminal-maintenance
 * order, the customer's maintenance agreement in force. Reads the property tables directly (the property routers
 * are the office's; nothing here writes them: server/property/connect.ts marks a case connected).
 */

/** The case columns a summary needs (selected beside a work order, left-joined). */
export const caseColumns = {
  id: propertyCases.id,
  code: propertyCases.code,
  kind: propertyCases.kind,
  status: propertyCases.status,
  customerName: propertyCases.customerName,
  details: propertyCases.details,
};

/** The summary of a left-joined case row, or null when the order is linked to none. */
export function summaryOf(
  row: {
    id: string | null;
    code: string | null;
    kind: TLinkedCase["kind"] | null;
    status: TLinkedCase["status"] | null;
    customerName: string | null;
    details: unknown;
  } | null,
): TLinkedCase | null {
  if (!row || row.id === null || row.code === null || row.kind === null || row.status === null) return null;
  return linkedCaseSummary({ id: row.id, code: row.code, kind: row.kind, status: row.status, customerName: row.customerName ?? "", details: row.details });
}

/** The case a work order is linked to, summarised; null when none (or, oddly, gone). */
export async function linkedCaseOf(db: Db, caseId: string | null): Promise<TLinkedCase | null> {
  if (caseId === null) return null;
  const [row] = await db.select(caseColumns).from(propertyCases).where(eq(propertyCases.id, caseId));
  return summaryOf(row ?? null);
}

/** What the rules read of the linked case now (its kind and status), for a decision in the caller's transaction. */
export async function caseLinkOf(tx: Db, caseId: string | null): Promise<TCaseLink | null> {
  const c = await linkedCaseOf(tx, caseId);
  return c ? { kind: c.kind, status: c.status } : null;
}

export interface TOrderForMaintenance {
  id: string;
  kind: TWorkOrderKind;
  contact: string;
  scheduledFor: string;
  closedAt: Date | string | null;
}

/**
 * The maintenance agreement in force for each terminal-maintenance order (by order id): the customer's active
 * agreement whose period covers the order's day (maintenanceDay), matched by the contact's phone digits (ADR 0039 §9).
 */
export async function maintenanceFor(db: Db, orders: readonly TOrderForMaintenance[], now = new Date()): Promise<Map<string, TMaintenanceSummary>> {
  const wanted = orders.filter((o) => showsMaintenance(o.kind) && phoneDigits(o.contact).length > 0);
  const out = new Map<string, TMaintenanceSummary>();
  if (wanted.length === 0) return out;
  const digits = [...new Set(wanted.map((o) => phoneDigits(o.contact)))];
  const rows = await db
    .select()
    .from(maintenanceAgreements)
    .where(and(inArray(maintenanceAgreements.customerPhoneDigits, digits), eq(maintenanceAgreements.status, "active")));
  for (const o of wanted) {
    const mine = rows.filter((a) => a.customerPhoneDigits === phoneDigits(o.contact));
    const a = coveringAgreement(mine, maintenanceDay(o, now));
    if (a) out.set(o.id, maintenanceSummary(a));
  }
  return out;
}

/** The agreement in force for one order, or null. */
export async function maintenanceOf(db: Db, order: TOrderForMaintenance, now = new Date()): Promise<TMaintenanceSummary | null> {
  return (await maintenanceFor(db, [order], now)).get(order.id) ?? null;
}

/**
 * The case a new order is linked to: it exists and is still open or passed (never one connected or cancelled). Read
 * share-locked, so a cancellation waits for the order's creation. Refused as the form's field otherwise.
 */
export async function assertLinkable(tx: Db, caseId: string): Promise<TLinkedCase> {
  const [row] = await tx.select(caseColumns).from(propertyCases).where(eq(propertyCases.id, caseId)).for("share");
  const c = summaryOf(row ?? null);
  if (!c || !caseLinkable(c.status)) throw fieldError("propertyCaseId", "desk.validation.caseNotLinkable", `case ${caseId} is not open or passed`);
  return c;
}
