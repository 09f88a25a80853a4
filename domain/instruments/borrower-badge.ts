/**
 * The custodian scans the borrower's badge at the desk (P4 "scan instrument + borrower", ADR 0040): the code read
 * names a person of the colleague list the phone keeps (works offline) and that person must be allowed to hold this
 * instrument (mayHold). Pure: the screen passes what was read, the list and the instrument.
 */
import type { TDepartment } from "@/domain/auth/roles";
import type { ScanResult, TScanKind, TUnknownReason } from "@/domain/scan/classify";
import { mayHold } from "./loans";
import type { TActor, TInstrumentFacts } from "./rules";

/** A colleague as the phone keeps them (the people who may hold instruments, active). */
export type TBadgePerson = Pick<TActor, "id" | "role" | "department"> & { username: string };

export type TBadgePick<P extends TBadgePerson> =
  | { ok: true; person: P }
  /** Not a badge: what it is instead (the reason, for an unreadable code). */
  | { ok: false; why: "not_badge"; kind: TScanKind; reason?: TUnknownReason }
  /** A badge of nobody on the list: unknown, disabled, or in a job that does not hold instruments (or not synced). */
  | { ok: false; why: "unknown_person"; username: string }
  /** On the list, but not for this instrument: a special instrument of another department. */
  | { ok: false; why: "may_not_hold"; person: P; rule: "not_allowed" | "wrong_department"; department?: TDepartment };

export function borrowerFromBadge<P extends TBadgePerson>(
  scan: ScanResult,
  people: readonly P[],
  instrument: Pick<TInstrumentFacts, "category" | "department">,
): TBadgePick<P> {
  if (scan.kind !== "person_badge") {
    return scan.kind === "unknown" ? { ok: false, why: "not_badge", kind: scan.kind, reason: scan.reason } : { ok: false, why: "not_badge", kind: scan.kind };
  }
  const person = people.find((p) => p.username === scan.username);
  if (!person) return { ok: false, why: "unknown_person", username: scan.username };
  const may = mayHold({ id: person.id, role: person.role, department: person.department }, instrument);
  if (!may.ok) {
    const rule = may.code === "wrong_department" ? "wrong_department" : "not_allowed";
    return rule === "wrong_department"
      ? { ok: false, why: "may_not_hold", person, rule, department: instrument.department }
      : { ok: false, why: "may_not_hold", person, rule };
  }
  return { ok: true, person };
}
