/**
 * The network-access license check on the phone, with no signal: the label as read against the registry copy
 * the phone pulled (domain/licenses/check.ts, the same function the server re-checks with). The registry's version
 * is the time of the latest import the phone holds: results say "checked offline against registry of <date>".
 */
import { checkLicense, findEntry, type TLabelRead, type TLicenseEntry } from "@/domain/licenses/check";
import type { ScanResult } from "@/domain/scan/classify";
import { operatorDay } from "@/domain/work-orders/desk";
import type { TEquipmentType, TLicenseCheckResult } from "@/domain/work-orders/equipment";
import { equipmentTypeFromName } from "@/domain/work-orders/equipment-type";
import { registryVersion as registryVersionOf } from "@/client/licenses/stores";
import type { CacheReader } from "@/client/sync/idb-store";

export type LicenseReadCache = CacheReader;

/** The label as recorded with the check (the shape of the mutation's `label`). */
export type TCheckLabel =
  { kind: "license_old"; licenseNo: string; model: string | null; scrambleCode: string | null } | { kind: "license_mark"; markCode: string } | { kind: "none" };

export interface OfflineVerdict {
  result: TLicenseCheckResult;
  /** The registry entry the label points to, if the phone holds it. */
  entry: TLicenseEntry | null;
  /** ISO time of the latest registry import on the phone; null when it holds none. */
  registryVersion: string | null;
  /** How many licenses the phone holds (0: never synced the registry, every label reads as unknown). */
  registrySize: number;
  /** The equipment type the entry's name suggests (a default for the form). */
  suggestedType: TEquipmentType | null;
  /** The day the check was made on (operator time zone), as the server re-checks it. */
  day: string;
}

/** A scanned or typed code as a check label; null for codes that are not license labels. */
export function labelFromScan(r: ScanResult): TCheckLabel | null {
  if (r.kind === "license_old") return { kind: "license_old", licenseNo: r.licenseNo, model: r.model, scrambleCode: r.scrambleCode };
  if (r.kind === "license_mark") return { kind: "license_mark", markCode: r.markCode };
  return null;
}

function labelRead(label: TCheckLabel): TLabelRead {
  if (label.kind === "license_old") return { kind: "license_old", licenseNo: label.licenseNo, model: label.model };
  return label;
}

export async function checkOffline(store: LicenseReadCache, label: TCheckLabel, equipmentModel: string, now: Date = new Date()): Promise<OfflineVerdict> {
  const [byNo, byMark, registryVersion, registrySize] = await Promise.all([
    label.kind === "license_old" ? store.get("licenses", label.licenseNo) : undefined,
    label.kind === "license_mark" ? store.getFromIndex("licenses", "byMark", label.markCode) : undefined,
    registryVersionOf(store),
    store.count("licenses"),
  ]);
  const read = labelRead(label);
  const entry = findEntry(read, { byLicenseNo: () => byNo, byMarkCode: () => byMark }) ?? null;
  const day = operatorDay(now);
  return {
    result: checkLicense({ entry: entry ?? undefined, label: read, equipmentModel, today: day }),
    entry,
    registryVersion,
    registrySize,
    suggestedType: entry ? equipmentTypeFromName(entry.equipmentName) : null,
    day,
  };
}
