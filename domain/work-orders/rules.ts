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
import { pbxConnectProblem, type TCaseLink } from "./property-link";

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
  /** The PBX details an older build's phone typed (`workOrder.checkEquipment` v1/v2); null on today's checks. */
  pbx: TPbxDetails | null | undefined;
}

export type TCheckProblem = "check_failed_cannot_connect" | "pbx_details_required" | "pbx_inspection_required";

/**
 * Null when what was done fits the verdict: failed equipment is never connected (it is refused, or the customer is
 * informed); a PBX is connected only after its application passed the on-site inspection (ADR 0039 §6): the order
 * is linked to that PBX application (`link`) and its status lets it connect (`pbx_inspection_required`). A check
 * queued by an older build with the PBX details the lineman typed is judged as it was then: a passed inspection
 * typed (`pbx_details_required`). Refusing or informing is always allowed, whatever the verdict.
 */
export function checkOutcomeProblem(c: TCheckForRules, link: TCaseLink | null): TCheckProblem | null {
  if (c.outcome !== "connected") return null;
  if (!isPassedVerdict(c.verdict)) return "check_failed_cannot_connect";
  if (c.equipmentType !== "pbx") return null;
  if (c.pbx) return c.pbx.inspection === "passed" ? null : "pbx_details_required";
  return pbxConnectProblem(link);
}

/** The outcomes the phone may offer for a verdict (and equipment type, with the case the order is linked to). */
export function allowedOutcomes(c: Omit<TCheckForRules, "outcome">, link: TCaseLink | null): TCheckOutcome[] {
  const all: TCheckOutcome[] = ["connected", "refused", "customer_informed"];
  return all.filter((outcome) => checkOutcomeProblem({ ...c, outcome }, link) === null);
}
