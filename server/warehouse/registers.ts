import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { departments } from "@/db/schema";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { ITEM_STATUSES } from "@/domain/items/labels";
import { mayInspect, mayReadRegisters, RECEIPT_STATUSES } from "@/domain/warehouse/model";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { zLine } from "@/domain/text/rules";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";

/**
 * The warehouse's office side (ADR 0035): who calls what, the registers' inputs and their keyset paging. Each
 * register is its own use case file (receipts.ts, stock.ts, quarantine.ts, counts.ts); this holds what they share.
 */

/**
 * Roles that read the registers whatever their department (domain mayReadRegisters; finance's people read them
 * too, by department: the finance department head is among these roles, and the keeper belongs to finance).
 */
export const REGISTER_ROLES: readonly TRole[] = ROLES.filter((role) => mayReadRegisters({ role, department: null }));
/** Who may open the inspection at all: anyone but a keeper and the admin; the receipt's department decides inside. */
export const INSPECT_ROLES: readonly TRole[] = ROLES.filter((role) => mayInspect({ role, department: "terminal_service" }, { department: "terminal_service" }));
export const KEEPER_ROLES: readonly TRole[] = ["warehouse_keeper"];
/** Who names the person responsible for a quarantined item: the keeper who put it there, or quality. */
export const RESPONSIBLE_ROLES: readonly TRole[] = ["warehouse_keeper", "quality"];
/** The keeper's and the office's pickers of people. */
export const PEOPLE_ROLES: readonly TRole[] = REGISTER_ROLES;

export function readsRegisters(user: Pick<SessionUser, "role" | "department">): boolean {
  return mayReadRegisters(user);
}

export function assertReadsRegisters(user: Pick<SessionUser, "role" | "department">): void {
  if (!mayReadRegisters(user)) throw new AppError("not_found");
}

/** A page's cursor: the id of the last row shown (the next page starts after its (time, id) position). */
export const ZCursor = z.uuid().optional();
export const ZReceiptsQuery = z.object({
  status: z.enum(RECEIPT_STATUSES).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  q: zLine(60).optional(),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(200).default(50),
});
export type TReceiptsQuery = z.infer<typeof ZReceiptsQuery>;
export const ZPageQuery = z.object({ cursor: ZCursor, limit: z.number().int().min(1).max(200).default(50) });
export type TPageQuery = z.infer<typeof ZPageQuery>;
export const ZStockQuery = z.object({ zoneCode: zLine(40).min(1).optional(), status: z.enum(ITEM_STATUSES).optional() });
export type TStockQuery = z.infer<typeof ZStockQuery>;
export const ZQuarantineQuery = z.object({ mine: z.boolean().optional() });
export const ZById = z.object({ id: z.uuid() });

/** Rows of a page and the cursor of the next one (null at the end): `limit + 1` rows were read to know. */
export function page<T>(rows: T[], limit: number, idOf: (row: T) => string): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const shown = rows.slice(0, limit);
  return { rows: shown, next: idOf(shown[shown.length - 1]!) };
}

/** Department code → [中文, English]. */
export async function departmentNames(db: Db): Promise<Record<string, [string, string]>> {
  const rows = await db.select({ code: departments.code, zh: departments.nameZh, en: departments.nameEn }).from(departments);
  return Object.fromEntries(rows.map((d) => [d.code, [d.zh, d.en] as [string, string]]));
}
