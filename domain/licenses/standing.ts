/**
 * Whether a registry entry is in force on a day (the office's lookup; the phone's check is checkLicense). A license
 * is in force from its issue date through its expiry date, both days included.
 */
export const LICENSE_STANDINGS = ["in_force", "expired", "not_yet_valid"] as const;
export type TLicenseStanding = (typeof LICENSE_STANDINGS)[number];

/** `today` and the dates are ISO days (YYYY-MM-DD), compared as text. */
export function licenseStanding(entry: { issueDate: string; expiryDate: string }, today: string): TLicenseStanding {
  if (today < entry.issueDate) return "not_yet_valid";
  if (today > entry.expiryDate) return "expired";
  return "in_force";
}
