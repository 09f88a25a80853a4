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
export async function serverVerdict(
  tx: Db,
  opts: { label: TCheckedLabel; equipmentModel: string; checkedAt: Date },
): Promise<{ result: TLicenseCheckResult; version: string | null }> {
  const [entry, version] = await Promise.all([entryFor(tx, opts.label), registryVersion(tx)]);
  const label = opts.label.kind === "license_old" ? { kind: "license_old" as const, licenseNo: opts.label.licenseNo, model: opts.label.model } : opts.label;
  return { result: checkLicense({ entry, label, equipmentModel: opts.equipmentModel, today: operatorDay(opts.checkedAt) }), version };
}

/**
 * The phone's registry version as far as the server can vouch for it. A phone only ever holds versions it pulled,
 * so a claimed version that is no real import — or "no registry at all" with a verdict other than unknown (no
 * registry cannot find a license valid) — is not believed: it counts as the server's own version, and the server's
 * verdict then governs (domain/work-orders/rules.ts governingVerdict). A tampered phone cannot make failed
 * equipment "connected" by claiming an old registry.
 */
export async function vouchedClientVersion(
  tx: Db,
  claim: { version: string | null; result: TLicenseCheckResult },
  serverVersion: string | null,
): Promise<string | null> {
  if (claim.version === null) return claim.result === "unknown" ? null : serverVersion;
  const at = new Date(claim.version);
  if (Number.isNaN(at.getTime())) return serverVersion;
  const [known] = await tx.select({ id: licenseImports.id }).from(licenseImports).where(eq(licenseImports.importedAt, at)).limit(1);
  return known ? claim.version : serverVersion;
}

/**
 * The day a check counts as made: the phone's clock, but never later than the server's now and never before the
 * work order existed — a backdated clock cannot turn an expired license valid again before the order was made.
 */
export function checkInstant(clientTime: string, bounds: { notBefore: Date; now: Date }): Date {
  const t = new Date(clientTime).getTime();
  return new Date(Math.min(Math.max(t, bounds.notBefore.getTime()), bounds.now.getTime()));
}
