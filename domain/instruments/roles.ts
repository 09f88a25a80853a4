/** Who does what with instruments (Procedure 4). The one source for procedures, feeds and the phone's actions. */
import type { TRole } from "@/domain/auth/roles";

/** People who borrow meters in the field. */
export const BORROWER_ROLES = ["lineman", "operations", "quality"] as const satisfies readonly TRole[];
/** Keeps the register, lends and takes back, organises calibration, sends to repair, confirms scrapping. */
export const CUSTODIAN_ROLES = ["instrument_custodian"] as const satisfies readonly TRole[];
/** Decide long-term loans (the borrower's department) and scrapping (the instrument's department). */
export const APPROVER_ROLES = ["department_head"] as const satisfies readonly TRole[];
/**
 * Who may be named in the settings as the leader who approves scrapping (有关领导, ADR 0040): a department head or the
 * general manager. With nobody named, the head of the instrument's department decides (APPROVER_ROLES).
 */
export const SCRAP_APPROVER_ROLES = ["department_head", "general_manager"] as const satisfies readonly TRole[];
/** Office readers of the register and its reports. */
export const REGISTER_READER_ROLES = ["instrument_custodian", "department_head", "quality", "admin"] as const satisfies readonly TRole[];
/** Phones that keep the register offline (a scan must answer with no signal). */
export const INSTRUMENT_FEED_ROLES = ["lineman", "operations", "quality", "instrument_custodian", "department_head"] as const satisfies readonly TRole[];
/** Who may look an instrument up (the scan view; the general manager: the records of a scrapping to decide). */
export const INSTRUMENT_VIEW_ROLES = [...INSTRUMENT_FEED_ROLES, "general_manager", "admin"] as const satisfies readonly TRole[];
/** Who may see what a person still holds (before a transfer or disabling). */
export const HOLDINGS_ROLES = ["instrument_custodian", "department_head", "admin"] as const satisfies readonly TRole[];

const has = (list: readonly TRole[], role: TRole) => list.includes(role);

/** What a person holds is shown to the custodian and admins for anyone, to a department head for their own people. */
export function maySeeHoldingsOf(viewer: { role: TRole; department: string }, person: { department: string }): boolean {
  if (!has(HOLDINGS_ROLES, viewer.role)) return false;
  return viewer.role !== "department_head" || viewer.department === person.department;
}

export const isBorrowerRole = (role: TRole) => has(BORROWER_ROLES, role);
export const isCustodian = (role: TRole) => has(CUSTODIAN_ROLES, role);
export const isApprover = (role: TRole) => has(APPROVER_ROLES, role);
export const isScrapApproverRole = (role: TRole) => has(SCRAP_APPROVER_ROLES, role);
export const keepsInstrumentsOffline = (role: TRole) => has(INSTRUMENT_FEED_ROLES, role);
