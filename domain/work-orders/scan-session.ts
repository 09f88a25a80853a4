/**
 * One camera session on the work order (issue 10, "a work order in 12 taps"): the camera stays open while the
 * lineman points it at each device in turn, first its license label, then its serial/IMEI barcode. Each label read
 * is paired with the next serial read after it; a label already checked on the order is passed over (the camera
 * sees it again while moving to the next device). A device whose label passed, whose type is known and is not a
 * PBX (which needs its application form), and whose serial was read is saved as connected without a tap (the normal
 * case); anything else opens the check form for the lineman to decide. Pure: the screen feeds it the reads.
 */
import type { ScanResult } from "../scan/classify";
import type { TEquipmentType, TLicenseCheckResult } from "./equipment";
import { isPassedVerdict } from "./rules";

/** Longest serial/IMEI a check stores (mutations.ts `serial: text(40)`). */
export const MAX_SERIAL_LENGTH = 40;

/**
 * A code read that can be a device's serial number or IMEI: a printable code that is none of the codes the app
 * knows (license labels, our own tags, work orders) and fits the stored length. Null otherwise.
 */
export function serialFromScan(r: ScanResult): string | null {
  const text =
    r.kind === "unknown"
      ? r.reason === "unrecognised" || r.reason === "check_digit" || r.reason === "lookalike"
        ? r.raw.trim()
        : ""
      : r.kind === "ean13"
        ? r.code
        : "";
  if (text === "" || text.length > MAX_SERIAL_LENGTH || !/^[\x21-\x7e]+$/.test(text)) return null;
  return text;
}

export type TSessionRead<L> = { kind: "label"; label: L; key: string } | { kind: "serial"; serial: string } | { kind: "other" };

export interface TScanSession<L> {
  /** The label waiting for its serial, if any. */
  label: { label: L; key: string } | null;
}

export type TSessionStep<L> =
  | { kind: "wait" }
  /** A new label: waiting now for its serial. */
  | { kind: "label"; label: L }
  /** A label checked already on this order (or the one waiting): passed over. */
  | { kind: "seen" }
  /** A label with its serial: a device ready to be checked. */
  | { kind: "device"; label: L; serial: string };

export const EMPTY_SESSION: TScanSession<never> = { label: null };

/** The next step of a session for one confirmed read; `checked` are the keys of labels already checked on the order. */
export function sessionStep<L>(s: TScanSession<L>, read: TSessionRead<L>, checked: ReadonlySet<string>): { state: TScanSession<L>; step: TSessionStep<L> } {
  if (read.kind === "other") return { state: s, step: { kind: "wait" } };
  if (read.kind === "label") {
    if (checked.has(read.key) || s.label?.key === read.key) return { state: s, step: { kind: "seen" } };
    return { state: { label: { label: read.label, key: read.key } }, step: { kind: "label", label: read.label } };
  }
  // a serial before any label belongs to no device (the previous device's barcode, seen again)
  if (!s.label) return { state: s, step: { kind: "wait" } };
  return { state: { label: null }, step: { kind: "device", label: s.label.label, serial: read.serial } };
}

/** Whether a scanned device is saved as connected with no tap: passed, typed, not a PBX, with its serial. */
export function connectsWithoutTap(d: { verdict: TLicenseCheckResult; equipmentType: TEquipmentType | null; serial: string }): boolean {
  return isPassedVerdict(d.verdict) && d.equipmentType !== null && d.equipmentType !== "pbx" && d.serial.trim() !== "";
}
