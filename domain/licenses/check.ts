/**
 * The network-access license check (customer property procedure): a label read from customer equipment against
 * the registry (license number → applicant, equipment, model, issue and expiry dates). One function, used by the
 * phone offline (against its copy of the registry) and by the server (against the current registry).
 */
import type { TLicenseCheckResult } from "@/domain/work-orders/equipment";

export interface TLicenseEntry {
  licenseNo: string;
  markCode: string | null;
  applicant: string;
  equipmentName: string;
  model: string;
  /** ISO dates (YYYY-MM-DD). */
  issueDate: string;
  expiryDate: string;
}

export type TLabelRead = { kind: "license_old"; licenseNo: string; model: string | null } | { kind: "license_mark"; markCode: string } | { kind: "none" };

/** Model names compare without case, spaces, dashes or dots ("KX-T7730" = "kx t7730"). */
export function normalizeModel(model: string): string {
  return model.toUpperCase().replace(/[\s\-_.·/]/g, "");
}

/** The registry entry a label points to, if the registry holds it. */
export function findEntry(
  label: TLabelRead,
  lookup: { byLicenseNo: (no: string) => TLicenseEntry | undefined; byMarkCode: (code: string) => TLicenseEntry | undefined },
): TLicenseEntry | undefined {
  if (label.kind === "license_old") return lookup.byLicenseNo(label.licenseNo);
  if (label.kind === "license_mark") return lookup.byMarkCode(label.markCode);
  return undefined;
}

/**
 * The verdict. `today` is the local date (YYYY-MM-DD) of the check; a license is valid through its expiry date.
 * Models are compared when known: the model printed on the label and the equipment's own model must both match
 * the registry's (either may be absent).
 */
export function checkLicense(opts: { entry: TLicenseEntry | undefined; label: TLabelRead; equipmentModel: string; today: string }): TLicenseCheckResult {
  const { entry, label, today } = opts;
  if (label.kind === "none" || !entry) return "unknown";
  if (today < entry.issueDate || today > entry.expiryDate) return "expired";
  const want = normalizeModel(entry.model);
  const seen = [label.kind === "license_old" ? label.model : null, opts.equipmentModel].filter((m): m is string => !!m && m.trim() !== "");
  if (seen.some((m) => normalizeModel(m) !== want)) return "model_mismatch";
  return "valid";
}

export const isPassed = (r: TLicenseCheckResult): boolean => r === "valid";
