import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { zones } from "@/db/schema";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ITEM_STATUSES } from "@/domain/items/labels";
import { zLine } from "@/domain/text/rules";
import { RECEIPT_STATUSES } from "@/domain/warehouse/model";
import { toCsv } from "@/domain/instruments/csv";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { printedMinute, renderTablePdf } from "@/server/pdf/table";
import { getCount, listCounts } from "./counts";
import { listQuarantine } from "./quarantine";
import { listForms, listReceipts } from "./receipts";
import { departmentNames, readsRegisters } from "./registers";
import { stockOnHand } from "./stock";

/**
 * The warehouse's registers as tables of strings, bilingual like every printed record (Chinese, English beside it;
 * Beijing time): one source for the CSV (with a BOM, so that Excel reads the Chinese; cells defused against
 * spreadsheet formulas by the house writer) and the landscape PDF.
 */
export const REGISTERS = ["receipts", "forms", "stock", "quarantine", "counts", "differences"] as const;
export type TRegister = (typeof REGISTERS)[number];

export interface TRegisterTable {
  title: string;
  filename: string;
  columns: string[];
  rows: string[][];
  widths: number[];
}

const P = "warehousePdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);
const col = (key: string) => both(`col.${key}`);
const named = (key: string, value: string | null | undefined) => (value ? L.bothOr(key, value) : "");
/** Most rows a register prints or exports (a page of the screen is 50). */
const MAX_ROWS = 20_000;

async function allPages<T>(fetch: (cursor: string | undefined) => Promise<{ rows: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  while (out.length < MAX_ROWS) {
    const p = await fetch(cursor);
    out.push(...p.rows);
    if (!p.next) break;
    cursor = p.next;
  }
  return out.slice(0, MAX_ROWS);
}

/**
 * A register for this reader, or null when they may not read it: the registers' readers every one; anyone else
 * their department's receipts and the quarantined items they are responsible for (as the screens show them).
 */
/** The screen's filters a register file is made with (the query string of its link), checked like the screen's own query. */
export const ZRegisterFilters = z.object({
  status: z.string().optional(),
  department: z.enum(DEPARTMENTS).optional(),
  q: zLine(60).optional(),
  zoneCode: zLine(40).min(1).optional(),
  mine: z.literal("1").optional(),
  /** `differences`: the stock-take whose differences are listed. */
  count: z.uuid().optional(),
});
export type TRegisterFilters = z.infer<typeof ZRegisterFilters>;

/** The filters of a register link's query string, or null when one is malformed (the download answers 404). */
export function registerFilters(params: URLSearchParams): TRegisterFilters | null {
  const parsed = ZRegisterFilters.safeParse(Object.fromEntries(params));
  return parsed.success ? parsed.data : null;
}

export async function registerTable(db: Db, user: SessionUser, which: TRegister, now: Date, filters: TRegisterFilters = {}): Promise<TRegisterTable | null> {
  const reader = readsRegisters(user);
  const day = operatorDay(now);
  const depts = await departmentNames(db);
  const dept = (code: string) => (depts[code] ? `${depts[code][0]} ${depts[code][1]}` : code);
  switch (which) {
    case "receipts": {
      const status = RECEIPT_STATUSES.find((st) => st === filters.status);
      const rows = await allPages((cursor) => listReceipts(db, user, { cursor, limit: 200, status, department: filters.department, q: filters.q }));
      return {
        title: both("title.register.receipts"),
        filename: `receipts-${day}`,
        columns: ["code", "receivedAt", "purchaseRequest", "department", "supplier", "deliveryNote", "lines", "status", "receivedBy", "form"].map(col),
        widths: [9, 8, 7, 8, 10, 8, 3, 7, 6, 9],
        rows: rows.map((r) => [
          r.code,
          time(r.receivedAt),
          r.purchaseRequest,
          dept(r.department),
          r.supplier,
          r.deliveryNote,
          String(r.lineCount),
          named(`warehouse.receiptStatus.${r.status}`, r.status),
          r.receivedByName,
          r.formCode ?? "",
        ]),
      };
    }
    case "forms": {
      if (!reader) return null;
      const rows = await allPages((cursor) => listForms(db, { cursor, limit: 200 }));
      return {
        title: both("title.register.forms"),
        filename: `quality-acceptance-forms-${day}`,
        columns: ["code", "signedAt", "receipt", "department", "inspector", "accepted", "rejected"].map(col),
        widths: [9, 8, 9, 9, 7, 4, 4],
        rows: rows.map((r) => [r.code, time(r.signedAt), r.receiptCode, dept(r.department), r.inspectorName, String(r.accepted), String(r.rejected)]),
      };
    }
    case "stock": {
      if (!reader) return null;
      const { rows } = await stockOnHand(db, { zoneCode: filters.zoneCode, status: ITEM_STATUSES.find((st) => st === filters.status) });
      return {
        title: both("title.register.stock"),
        filename: `stock-${day}`,
        columns: ["zone", "label", "materialCode", "name", "tags", "quantity"].map(col),
        widths: [10, 6, 8, 14, 3, 4],
        rows: rows.map((r) => [
          `${r.zoneCode} ${r.zoneNameZh} ${r.zoneNameEn}`,
          named(`status.item.${r.status}`, r.status),
          r.materialCode ?? "",
          r.name,
          String(r.tags),
          String(r.quantity),
        ]),
      };
    }
    case "quarantine": {
      const { rows } = await listQuarantine(db, user, { mine: !reader || filters.mine === "1" }, now);
      return {
        title: both("title.register.quarantine"),
        filename: `quarantine-${day}`,
        columns: ["tag", "name", "label", "zone", "quantity", "responsible", "quarantinedAt", "ageDays", "ageing"].map(col),
        widths: [5, 12, 5, 9, 3, 6, 7, 3, 4],
        rows: rows.map((r) => [
          r.tag,
          r.name,
          named(`status.item.${r.status}`, r.status),
          r.zoneCode ? `${r.zoneCode} ${r.zoneNameZh ?? ""}`.trim() : "",
          String(r.quantity),
          r.responsibleName ?? "",
          time(r.quarantinedAt),
          String(r.ageDays),
          r.ageing ? both("yes") : "",
        ]),
      };
    }
    case "counts": {
      if (!reader) return null;
      const rows = await allPages((cursor) => listCounts(db, { cursor, limit: 200 }));
      return {
        title: both("title.register.counts"),
        filename: `stock-takes-${day}`,
        columns: ["zone", "countedBy", "startedAt", "submittedAt", "expected", "found", "differences", "open", "settledAt"].map(col),
        widths: [9, 6, 7, 7, 3, 3, 3, 3, 7],
        rows: rows.map((r) => [
          `${r.zoneCode} ${r.zoneNameZh}`,
          r.countedByName,
          time(r.startedAt),
          time(r.submittedAt),
          String(r.expected),
          String(r.found),
          String(r.differences),
          String(r.open),
          r.settledAt ? time(r.settledAt) : "",
        ]),
      };
    }
    case "differences": {
      if (!reader || !filters.count) return null;
      const detail = await getCount(db, filters.count, user).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "not_found") return null;
        throw err;
      });
      if (!detail) return null;
      const { count: c, differences } = detail;
      const zoneNames = new Map((await db.select({ code: zones.code, zh: zones.nameZh }).from(zones)).map((z) => [z.code, z.zh]));
      const zone = (code: string | null) => (code ? `${code} ${zoneNames.get(code) ?? ""}`.trim() : "");
      const open = differences.filter((d) => d.resolution === null).length;
      return {
        title: [
          `${both("title.register.differences")} · ${c.zoneCode} ${c.zoneNameZh} ${c.zoneNameEn} · ${time(c.submittedAt)} · ${c.countedByName}`,
          both("countFigures", { expected: c.expected, found: c.found, differences: differences.length, open }),
        ].join("\n"),
        filename: `stock-take-${c.zoneCode}-${operatorDay(c.submittedAt)}`,
        columns: ["tag", "difference", "label", "recordedZone", "resolution", "reason", "resolvedBy", "resolvedAt"].map(col),
        widths: [5, 7, 6, 8, 8, 12, 6, 7],
        rows: differences.map((d) => [
          d.tag,
          named(`warehouse.difference.${d.kind}`, d.kind),
          named(`status.item.${d.statusAtCount}`, d.statusAtCount),
          zone(d.recordedZone),
          d.resolution ? named(`warehouse.resolution.${d.resolution}`, d.resolution) : col("open"),
          d.reason ?? "",
          d.resolvedByName ?? "",
          d.resolvedAt ? time(d.resolvedAt) : "",
        ]),
      };
    }
  }
}

/** The register as CSV text with a BOM. */
export function registerCsv(table: TRegisterTable): string {
  return `\uFEFF${toCsv(table.columns, table.rows)}`;
}

/** The register as a landscape PDF (CJK font; MissingCjkFontError without one). */
export function registerPdf(table: TRegisterTable, now: Date): Promise<Buffer> {
  const footer = `${both("footer.generated", { time: printedMinute(now) })} · ${both("footer.rows", { count: table.rows.length })}`;
  return renderTablePdf({ title: table.title, columns: table.columns, rows: table.rows, widths: table.widths, footer });
}
