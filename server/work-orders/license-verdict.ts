import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseImports, licenseRegistry } from "@/db/schema";
import { checkLicense, type TLicenseEntry } from "@/domain/licenses/check";
import type { TCheckedLabel } from "@/domain/work-orders/mutations";
import { operatorDay } from "@/domain/work-orders/desk";
import type { TLicenseCheckResult } from "@/domain/work-orders/equipment";

/** The registry's version: the time of its latest import (ISO), or null before the first. */
export async function registryVersion(tx: Db): Promise<string | null> {
  const [latest] = await tx.select({ at: licenseImports.importedAt }).from(licenseImports).orderBy(desc(licenseImports.importedAt)).limit(1);
  return latest?.at.toISOString() ?? null;
}

async function entryFor(tx: Db, label: TCheckedLabel): Promise<TLicenseEntry | undefined> {
  if (label.kind === "none") return undefined;
  const where = label.kind === "license_old" ? eq(licenseRegistry.licenseNo, label.licenseNo) : eq(licenseRegistry.markCode, label.markCode);
  const [row] = await tx.select().from(licenseRegistry).where(where).limit(1);
  return row ?? undefined;
}

/**
 * The server's verdict on a label, by the same function the phone uses, against the current registry and for the
 * day the check was made (the operator's day of the phone's clock), so that a license expiring between the check
 * and the sync does not change the verdict.
 */
export async function serverVerdict(tx: Db, opts: { label: TCheckedLabel; equipmentModel: string; checkedAt: Date }): Promise<{ result: TLicenseCheckResult; version: string | null }> {
  const [entry, version] = await Promise.all([entryFor(tx, opts.label), registryVersion(tx)]);
  const label = opts.label.kind === "license_old" ? { kind: "license_old" as const, licenseNo: opts.label.licenseNo, model: opts.label.model } : opts.label;
  return { result: checkLicense({ entry, label, equipmentModel: opts.equipmentModel, today: operatorDay(opts.checkedAt) }), version };
}
