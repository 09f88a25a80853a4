/** The office actors and the expected decision table of caseStepDecision, shared by the property model tests. */
import { CASE_STATUSES, caseStepDecision, type TActor, type TCaseKind, type TCaseStep, type TDocumentKind, type TStepDecision } from "./model";

/** The people of the office the table below is written for. */
export const ACTORS = {
  cs: { id: "u-cs", role: "customer_service", department: "customer_service" },
  csHead: { id: "u-cs-head", role: "department_head", department: "customer_service" },
  tdCustodian: { id: "u-td-custodian", role: "instrument_custodian", department: "technology_development" },
  tdHead: { id: "u-td-head", role: "department_head", department: "technology_development" },
  tdLineman: { id: "u-td-lineman", role: "lineman", department: "technology_development" },
  tsLineman: { id: "u-ts-lineman", role: "lineman", department: "terminal_service" },
  tsHead: { id: "u-ts-head", role: "department_head", department: "terminal_service" },
  keeper: { id: "u-keeper", role: "warehouse_keeper", department: "finance" },
  quality: { id: "u-quality", role: "quality", department: "enterprise_management" },
  admin: { id: "u-admin", role: "admin", department: null },
  gm: { id: "u-gm", role: "general_manager", department: null },
} as const satisfies Record<string, TActor>;
export type TActorName = keyof typeof ACTORS;
export const ACTOR_NAMES = Object.keys(ACTORS) as TActorName[];

/**
 * Who may take which step in which status, written out by hand from ADR 0039 §2 (not from the implementation).
 * One character per status, in the order of CASE_STATUSES:
 *   recorded scheduled failed rectifying rectified passed connected cancelled
 * `+` allowed, `-` not_allowed (the person), `x` invalid_transition (the state), `d` documents_required.
 * Works cases here have the design documents and the test report on file (see "documents" below for the rest).
 */
export const TABLE: Record<TCaseStep, Record<TCaseKind, Record<TActorName, string>>> = {
  schedule: {
    pbx: {
      cs: "+xxx+xxx",
      csHead: "+xxx+xxx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "--------",
      csHead: "--------",
      tdCustodian: "+xxx+xxx",
      tdHead: "+xxx+xxx",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
  cancelRound: {
    pbx: {
      cs: "x+xxxxxx",
      csHead: "x+xxxxxx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "--------",
      csHead: "--------",
      tdCustodian: "x+xxxxxx",
      tdHead: "x+xxxxxx",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
  // the inspectors' own step: who is decided by roundSubmitDecision (named on the round); here only the state
  submitRound: {
    pbx: {
      cs: "x+xxxxxx",
      csHead: "x+xxxxxx",
      tdCustodian: "x+xxxxxx",
      tdHead: "x+xxxxxx",
      tdLineman: "x+xxxxxx",
      tsLineman: "x+xxxxxx",
      tsHead: "x+xxxxxx",
      keeper: "x+xxxxxx",
      quality: "x+xxxxxx",
      admin: "x+xxxxxx",
      gm: "x+xxxxxx",
    },
    works: {
      cs: "x+xxxxxx",
      csHead: "x+xxxxxx",
      tdCustodian: "x+xxxxxx",
      tdHead: "x+xxxxxx",
      tdLineman: "x+xxxxxx",
      tsLineman: "x+xxxxxx",
      tsHead: "x+xxxxxx",
      keeper: "x+xxxxxx",
      quality: "x+xxxxxx",
      admin: "x+xxxxxx",
      gm: "x+xxxxxx",
    },
  },
  issueLetter: {
    pbx: {
      cs: "xx+xxxxx",
      csHead: "xx+xxxxx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "--------",
      csHead: "--------",
      tdCustodian: "xx+xxxxx",
      tdHead: "xx+xxxxx",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
  // customer service records what the customer reports (or the organisers); from the letter or straight after the fail
  reportRectified: {
    pbx: {
      cs: "xx++xxxx",
      csHead: "xx++xxxx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "xx++xxxx",
      csHead: "xx++xxxx",
      tdCustodian: "xx++xxxx",
      tdHead: "xx++xxxx",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
  // the connecting work order's lineman (his self-check, the server checks the order is his) or customer service
  connect: {
    pbx: {
      cs: "xxxxx+xx",
      csHead: "xxxxx+xx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "xxxxx+xx",
      tsLineman: "xxxxx+xx",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "xxxxx+xx",
      csHead: "xxxxx+xx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "xxxxx+xx",
      tsLineman: "xxxxx+xx",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
  cancel: {
    pbx: {
      cs: "++++++xx",
      csHead: "++++++xx",
      tdCustodian: "--------",
      tdHead: "--------",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
    works: {
      cs: "++++++xx",
      csHead: "++++++xx",
      tdCustodian: "++++++xx",
      tdHead: "++++++xx",
      tdLineman: "--------",
      tsLineman: "--------",
      tsHead: "--------",
      keeper: "--------",
      quality: "--------",
      admin: "--------",
      gm: "--------",
    },
  },
};

export const CODE: Record<string, TStepDecision> = {
  "+": { ok: true },
  "-": { ok: false, code: "not_allowed" },
  x: { ok: false, code: "invalid_transition" },
  d: { ok: false, code: "documents_required" },
};

/** One character per status for the decisions of `actor` taking `step` on a case of `kind` with `documents`. */
export function row(step: TCaseStep, kind: TCaseKind, actor: TActor, documents: readonly TDocumentKind[]): string {
  return CASE_STATUSES.map((status) => {
    const d = caseStepDecision(step, { kind, status, documents }, actor);
    const c = Object.entries(CODE).find(([, v]) => JSON.stringify(v) === JSON.stringify(d));
    if (!c) throw new Error(`unexpected decision ${JSON.stringify(d)}`);
    return c[0];
  }).join("");
}

export const COMPLETE: TDocumentKind[] = ["agreement", "design", "test_report"];
