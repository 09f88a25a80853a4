import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseImports, licenseRegistry } from "@/db/schema";
import { parseLicenseCsvInSlices, type TLicenseRow } from "@/domain/licenses/csv";
import { LICENSE_BAD_ROWS_SHOWN, type TBadRow } from "@/domain/licenses/csv-format";
import type { TLicenseImportInput } from "@/domain/licenses/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import { AppError } from "@/server/errors";
import { yieldToEventLoop } from "@/server/http/yield";

export interface TLicenseImportResult {
  /** The license_imports row, or null when no row was good (nothing is written then). */
  importId: number | null;
  /** New licenses. */
  imported: number;
  /** Licenses whose details changed (phones receive them on their next pull). */
  updated: number;
  /** Good rows identical to the registry (not rewritten). */
  unchanged: number;
  badCount: number;
  /** The first LICENSE_BAD_ROWS_SHOWN bad rows, by line. */
  bad: TBadRow[];
  /** Columns of the file that are not registry fields (ignored). */
  ignoredColumns: string[];
  /** The registry's version after the import: the latest import's time (null: never imported). */
  version: Date | null;
}

type TEntry = typeof licenseRegistry.$inferSelect;

/**
 * Rows per INSERT statement: at most 1,000 (7 parameters each, well under PostgreSQL's 65,535), and fewer while a
 * statement takes longer than STATEMENT_MS: PGlite runs in this process, so a statement holds the event loop (250 rows
 * took up to 230 ms on a busy 2-core machine) and every other request waits behind it (issue 11).
 */
const CHUNK_MAX = 1_000;
const CHUNK_MIN = 10;
const STATEMENT_MS = 15;

/** A JSON array as one text parameter, expanded in SQL: any number of values in one statement. */
const anyOf = (values: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const sameEntry = (a: TEntry, r: TLicenseRow) =>
  a.markCode === r.markCode &&
  a.applicant === r.applicant &&
  a.equipmentName === r.equipmentName &&
  a.model === r.model &&
  a.issueDate === r.issueDate &&
  a.expiryDate === r.expiryDate;

/**
 * A row may not take a mark code the registry gives to another license, unless that license is itself in the
 * import and gives it up. Repeated until stable: a refused row keeps its old code, which can refuse another.
 */
async function refuseTakenMarkCodes(tx: Db, rows: TLicenseRow[]): Promise<{ good: TLicenseRow[]; bad: TBadRow[] }> {
  const claimed = rows.filter((r) => r.markCode !== null);
  if (claimed.length === 0) return { good: rows, bad: [] };
  const holders = await tx
    .select({ licenseNo: licenseRegistry.licenseNo, markCode: licenseRegistry.markCode })
    .from(licenseRegistry)
    .where(sql`${licenseRegistry.markCode} in ${anyOf(claimed.map((r) => r.markCode!))}`);
  const holderOf = new Map(holders.map((h) => [h.markCode!, h.licenseNo]));
  let good = rows;
  const bad: TBadRow[] = [];
  for (;;) {
    const importing = new Set(good.map((r) => r.licenseNo));
    const refused = good.filter((r) => {
      const holder = r.markCode === null ? undefined : holderOf.get(r.markCode);
      return holder !== undefined && holder !== r.licenseNo && !importing.has(holder);
    });
    if (refused.length === 0) return { good, bad };
    for (const r of refused) {
      bad.push({ line: r.line, licenseNo: r.licenseNo, reasons: [{ code: "mark_code_taken", field: "markCode", licenseNo: holderOf.get(r.markCode!)! }] });
    }
    const out = new Set(refused);
    good = good.filter((r) => !out.has(r));
  }
}

/** The registry's version: the time of the latest import. */
export async function registryVersion(tx: Db): Promise<Date | null> {
  const [row] = await tx.select({ at: sql<Date | null>`max(${licenseImports.importedAt})`.mapWith(licenseImports.importedAt) }).from(licenseImports);
  return row?.at ?? null;
}

/**
 * Imports a registry CSV: good rows are added or updated by license number (rows not in the file stay), bad rows
 * are reported with their lines and reasons; the import and its audit event are written in the same transaction.
 * A file that cannot be read at all is refused with `bad_input` and details `{ file: TFileError }`.
 */
export async function importLicenses({ db, actorId, input }: { db: Db; actorId: string; input: TLicenseImportInput }): Promise<TLicenseImportResult> {
  // in slices: a 1 MB file read in one go held every other request (health, phones' sync) for seconds (issue 11)
  const parsed = await parseLicenseCsvInSlices(input.csv, yieldToEventLoop);
  if (!parsed.ok) throw new AppError("bad_input", { file: parsed.error });
  const sha256 = createHash("sha256").update(input.csv, "utf8").digest("hex");

  return db.transaction(async (tx) => {
    // One import at a time (a second waits here); phones and lookups keep reading meanwhile.
    await tx.execute(sql`lock table ${licenseRegistry} in share row exclusive mode`);
    const { good, bad: taken } = await refuseTakenMarkCodes(tx, parsed.rows);
    const bad = [...parsed.bad, ...taken].sort((a, b) => a.line - b.line);
    const shown = bad.slice(0, LICENSE_BAD_ROWS_SHOWN);
    if (good.length === 0) {
      return {
        importId: null,
        imported: 0,
        updated: 0,
        unchanged: 0,
        badCount: bad.length,
        bad: shown,
        ignoredColumns: parsed.ignoredColumns,
        version: await registryVersion(tx),
      };
    }

    // read a thousand at a time, a turn of the event loop between: PGlite runs each statement on this process
    const existing = new Map<string, TEntry>();
    for (let i = 0; i < good.length; i += 1_000) {
      await yieldToEventLoop();
      const nos = good.slice(i, i + 1_000).map((r) => r.licenseNo);
      for (const e of await tx
        .select()
        .from(licenseRegistry)
        .where(sql`${licenseRegistry.licenseNo} in ${anyOf(nos)}`))
        existing.set(e.licenseNo, e);
    }
    const fresh = good.filter((r) => !existing.has(r.licenseNo));
    const changed = good.filter((r) => existing.has(r.licenseNo) && !sameEntry(existing.get(r.licenseNo)!, r));
    const unchanged = good.length - fresh.length - changed.length;

    // Codes changing hands inside this import: free them first (a unique index is checked row by row).
    const releasing = changed.filter((r) => existing.get(r.licenseNo)!.markCode !== null && existing.get(r.licenseNo)!.markCode !== r.markCode);
    if (releasing.length > 0) {
      await tx
        .update(licenseRegistry)
        .set({ markCode: null })
        .where(sql`${licenseRegistry.licenseNo} in ${anyOf(releasing.map((r) => r.licenseNo))}`);
    }
    const writes = [...fresh, ...changed];
    for (let i = 0, chunk = 50; i < writes.length;) {
      await yieldToEventLoop();
      const started = Date.now();
      const slice = writes.slice(i, i + chunk);
      i += slice.length;
      await tx
        .insert(licenseRegistry)
        .values(slice.map(({ line: _line, ...entry }) => entry))
        .onConflictDoUpdate({
          target: licenseRegistry.licenseNo,
          // txid is stamped by the table's trigger on every write: phones pull the changed rows
          set: {
            markCode: sql`excluded.mark_code`,
            applicant: sql`excluded.applicant`,
            equipmentName: sql`excluded.equipment_name`,
            model: sql`excluded.model`,
            issueDate: sql`excluded.issue_date`,
            expiryDate: sql`excluded.expiry_date`,
            updatedAt: sql`now()`,
          },
        });
      const took = Date.now() - started;
      chunk = took > STATEMENT_MS ? Math.max(CHUNK_MIN, Math.floor(chunk / 2)) : took < STATEMENT_MS / 3 ? Math.min(CHUNK_MAX, chunk * 2) : chunk;
    }

    const [record] = await tx
      .insert(licenseImports)
      // why clock_timestamp: now() is the transaction's start, which may precede an import that held the lock
      // and committed while this one waited; the version must grow with commit order.
      .values({ importedAt: sql`clock_timestamp()`, importedBy: actorId, rowsOk: good.length, rowsBad: bad.length })
      .returning({ id: licenseImports.id, importedAt: licenseImports.importedAt });
    await appendAuditEvent(tx, {
      actorId,
      subjectType: "license_import",
      subjectId: String(record!.id),
      event: {
        name: "license.imported",
        payload: {
          rowsOk: good.length,
          rowsBad: bad.length,
          inserted: fresh.length,
          updated: changed.length,
          unchanged,
          fileName: input.fileName ?? null,
          sha256,
        },
      },
    });
    return {
      importId: record!.id,
      imported: fresh.length,
      updated: changed.length,
      unchanged,
      badCount: bad.length,
      bad: shown,
      ignoredColumns: parsed.ignoredColumns,
      version: record!.importedAt,
    };
  });
}
