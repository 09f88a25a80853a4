/**
 * What is still missing before a step of the lineman's or the customer's turn can be taken, named thing by thing in
 * the order the screen shows them (issue 10, defect 3): the screen names every one in words and focuses the first.
 * The same rules as the step's decision (preconditions.ts, checklist.ts, rules.ts), asked before it.
 */
import { MANUAL_CHECKLIST, type TManualChecklistItem } from "./checklist";
import { handOverCaseProblem, type TCaseLink } from "./property-link";
import { checkOutcomeProblem, type TCheckForRules, type TCheckProblem } from "./rules";
import { needsServiceRecord } from "./service-record";
import type { TWorkOrderKind } from "./status";

export type THandOverMissing =
  /** A recorded equipment check whose outcome does not fit its verdict (corrected above the self-check). */
  | { what: "check"; checkId: string; problem: TCheckProblem }
  /** A manual checklist item not ticked. */
  | { what: "checklist"; item: TManualChecklistItem }
  /** The service record (服务记录表) of a terminal-maintenance order, not yet filled in. */
  | { what: "serviceRecord" }
  /** The customer-built works the order opens the service of: not accepted yet (ADR 0039 §6). */
  | { what: "case"; problem: "works_not_accepted" }
  /** The lineman's signature (the self-check mark). */
  | { what: "signature" };

/**
 * Before "sign and hand over": equipment checks that block (they sit above the checklist on the screen), then the
 * kind's unticked items in their order, then the signature. Empty when the step can be taken.
 */
export function handOverMissing(o: {
  kind: TWorkOrderKind;
  ticked: Readonly<Record<string, boolean>>;
  checks: readonly (TCheckForRules & { id: string })[];
  signed: boolean;
  /** Whether the service record is on file (shown or queued); only a terminal-maintenance order asks for it. */
  serviceRecord?: boolean;
  /** The customer-property case the order is linked to, as the phone last received it. */
  linkedCase: TCaseLink | null;
}): THandOverMissing[] {
  const out: THandOverMissing[] = [];
  // the linked case and the record's section sit above the equipment and the self-check on the order screen
  const works = handOverCaseProblem(o.linkedCase);
  if (works) out.push({ what: "case", problem: works });
  if (needsServiceRecord(o.kind) && o.serviceRecord !== true) out.push({ what: "serviceRecord" });
  for (const c of o.checks) {
    const problem = checkOutcomeProblem(c, o.linkedCase);
    if (problem) out.push({ what: "check", checkId: c.id, problem });
  }
  for (const item of MANUAL_CHECKLIST[o.kind]) if (o.ticked[item] !== true) out.push({ what: "checklist", item });
  if (!o.signed) out.push({ what: "signature" });
  return out;
}

/** The unticked checklist items among the missing things (named together: "请勾选：…"). */
export function untickedItems(missing: readonly THandOverMissing[]): TManualChecklistItem[] {
  return missing.flatMap((m) => (m.what === "checklist" ? [m.item] : []));
}

export const CUSTOMER_SIGN_FIELDS = ["attitude", "onTime", "signerName", "signature"] as const;
export type TCustomerSignField = (typeof CUSTOMER_SIGN_FIELDS)[number];

/** Before the customer's signature is taken: the two ratings, their name and their signature, in screen order. */
export function customerSignMissing(o: { attitude: number | null; onTime: number | null; signerName: string; signed: boolean }): TCustomerSignField[] {
  const have: Record<TCustomerSignField, boolean> = {
    attitude: o.attitude !== null,
    onTime: o.onTime !== null,
    signerName: o.signerName.trim() !== "",
    signature: o.signed,
  };
  return CUSTOMER_SIGN_FIELDS.filter((f) => !have[f]);
}

/** Before a refusal to sign is recorded: its reason. */
export function customerRefuseMissing(o: { reason: string }): "reason"[] {
  return o.reason.trim() === "" ? ["reason"] : [];
}

/**
 * The fields of the equipment check form, in the order the form shows them (issue 10, defect 5). A PBX's application
 * is no longer typed on the phone: it comes with the order's linked application (ADR 0039 §6).
 */
export const CHECK_FORM_FIELDS = ["serial", "equipmentModel", "note"] as const;
export type TCheckFormField = (typeof CHECK_FORM_FIELDS)[number];

/**
 * The form's fields a check was refused for (the schema's issues, path → message key), in form order: the screen
 * names them all and focuses the first. Paths that are not fields of the form are left out.
 */
export function checkFormProblems(fields: Readonly<Record<string, string>>): TCheckFormField[] {
  return CHECK_FORM_FIELDS.filter((f) => fields[f] !== undefined);
}
