/**
 * Rules of one equipment check (customer property procedure, 顾客财产控制程序): which verdict governs what the
 * lineman may do with the equipment, and whether what was done fits it. Used offline by the phone and by the server.
 *
 * Which verdict governs (server/work-orders/check-equipment.ts applies this):
 * - The phone checks against its copy of the registry; the server checks again against its own, for the day of
 *   the check (operator time zone).
 * - Same verdict: it governs.
 * - Different verdicts and the phone's registry is older than the server's: the phone's verdict governs (the
 *   lineman acted on what could be known on site; the equipment may already be connected). The check is recorded
 *   and flagged (`recheck_changed`, shown under "Needs attention") so the lineman follows it up.
 * - Different verdicts against the same (or a newer) registry: the phone is wrong (a defect or tampering); the
 *   server's verdict governs, so equipment the server finds failed can never be recorded as connected.
 * - The server believes the phone's registry version only if it is a real import (vouchedClientVersion), and takes
 *   the day of the check from the phone's clock only between the order's creation and the server's now.
 */
import type { TCheckOutcome, TEquipmentType, TLicenseCheckResult, TPbxDetails } from "./equipment";

export const isPassedVerdict = (r: TLicenseCheckResult): boolean => r === "valid";

/** A registry version is the ISO time of its import; null means the phone had no registry at all. */
export function isOlderRegistry(client: string | null, server: string | null): boolean {
  if (server === null) return false;
  if (client === null) return true;
  return Date.parse(client) < Date.parse(server);
}

export interface TVerdicts {
  clientResult: TLicenseCheckResult;
  clientRegistryVersion: string | null;
  serverResult: TLicenseCheckResult;
  serverRegistryVersion: string | null;
}

/** The verdict that governs a check, and whether the server's re-check changed it for the lineman to see. */
export function governingVerdict(v: TVerdicts): { verdict: TLicenseCheckResult; recheckChanged: boolean } {
  if (v.clientResult === v.serverResult) return { verdict: v.serverResult, recheckChanged: false };
  if (isOlderRegistry(v.clientRegistryVersion, v.serverRegistryVersion)) return { verdict: v.clientResult, recheckChanged: true };
  return { verdict: v.serverResult, recheckChanged: false };
}

/** What the rules need to know of one equipment check. */
export interface TCheckForRules {
  equipmentType: TEquipmentType;
  /** The governing verdict (see governingVerdict). */
  verdict: TLicenseCheckResult;
  outcome: TCheckOutcome;
  pbx: TPbxDetails | null | undefined;
}

export type TCheckProblem = "check_failed_cannot_connect" | "pbx_details_required";

/**
 * Null when what was done fits the verdict: failed equipment is never connected (it is refused, or the customer is
 * informed); a PBX is connected only with its application details and a passed on-site inspection
 * (《安装用户交换机申请检验表》). Refusing or informing is always allowed, whatever the verdict.
 */
export function checkOutcomeProblem(c: TCheckForRules): TCheckProblem | null {
  if (c.outcome !== "connected") return null;
  if (!isPassedVerdict(c.verdict)) return "check_failed_cannot_connect";
  if (c.equipmentType === "pbx" && c.pbx?.inspection !== "passed") return "pbx_details_required";
  return null;
}

/** The outcomes the phone may offer for a verdict (and equipment type with its PBX details). */
export function allowedOutcomes(c: Omit<TCheckForRules, "outcome">): TCheckOutcome[] {
  const all: TCheckOutcome[] = ["connected", "refused", "customer_informed"];
  return all.filter((outcome) => checkOutcomeProblem({ ...c, outcome }) === null);
}
