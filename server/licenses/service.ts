import "server-only";
import { count, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseImports, licenseRegistry, users } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import type { TLicenseLookupInput } from "@/domain/licenses/schemas";
import { licenseStanding } from "@/domain/licenses/standing";
import { registryVersion } from "./import";

export { importLicenses, type TLicenseImportResult } from "./import";

/** How many imports the status shows. */
const RECENT_IMPORTS = 10;

/** The registry at a glance: its size, its version (latest import) and the recent imports with who made them. */
export async function registryStatus({ db }: { db: Db }) {
  const [size] = await db.select({ n: count() }).from(licenseRegistry);
  const recent = await db
    .select({
      id: licenseImports.id,
      importedAt: licenseImports.importedAt,
      importedBy: users.displayName,
      rowsOk: licenseImports.rowsOk,
      rowsBad: licenseImports.rowsBad,
    })
    .from(licenseImports)
    .leftJoin(users, eq(users.id, licenseImports.importedBy))
    .orderBy(desc(licenseImports.importedAt), desc(licenseImports.id))
    .limit(RECENT_IMPORTS);
  return { count: size?.n ?? 0, version: await registryVersion(db), recentImports: recent };
}

/** A registry entry as the office reads it and the phones keep it (feed `licenses`). */
export const entryColumns = {
  licenseNo: licenseRegistry.licenseNo,
  markCode: licenseRegistry.markCode,
  applicant: licenseRegistry.applicant,
  equipmentName: licenseRegistry.equipmentName,
  model: licenseRegistry.model,
  issueDate: licenseRegistry.issueDate,
  expiryDate: licenseRegistry.expiryDate,
  updatedAt: licenseRegistry.updatedAt,
};

/**
 * One registry entry by license number or mark code, with its standing on the operator's today; null when the
 * registry does not hold it.
 */
export async function lookupLicense({ db, input, now = new Date() }: { db: Db; input: TLicenseLookupInput; now?: Date }) {
  const where = "licenseNo" in input ? eq(licenseRegistry.licenseNo, input.licenseNo) : eq(licenseRegistry.markCode, input.markCode);
  const [entry] = await db.select(entryColumns).from(licenseRegistry).where(where);
  const today = operatorToday(now);
  return { entry: entry ? { ...entry, standing: licenseStanding(entry, today) } : null, today, version: await registryVersion(db) };
}
