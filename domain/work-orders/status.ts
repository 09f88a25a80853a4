/** Work-order kinds and states (装/移/修 and terminal maintenance); transitions arrive with the work-order issue. */
export const WORK_ORDER_KINDS = ["install", "move", "repair", "terminal_maintenance"] as const;
export type TWorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_STATUSES = ["assigned", "en_route", "on_site", "work_done", "signed", "closed", "cancelled", "refused_to_sign"] as const;
export type TWorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** States in which a work order still asks something of its lineman. */
export const OPEN_WORK_ORDER_STATUSES: readonly TWorkOrderStatus[] = ["assigned", "en_route", "on_site", "work_done"];

export function isOpenWorkOrder(status: TWorkOrderStatus): boolean {
  return OPEN_WORK_ORDER_STATUSES.includes(status);
}

/** The lineman's list order: earliest scheduled day first (so overdue lead), key customers first within a day. */
export function byUrgency(
  a: { scheduledFor: string; keyCustomer: boolean; code: string },
  b: { scheduledFor: string; keyCustomer: boolean; code: string },
): number {
  return a.scheduledFor.localeCompare(b.scheduledFor) || Number(b.keyCustomer) - Number(a.keyCustomer) || a.code.localeCompare(b.code);
}

/**
 * Status changes made with `workOrder.transition`, and who may make them. Signing moves work_done → signed
 * (`workOrder.customerSign`), refusal work_done → refused_to_sign (`workOrder.customerRefuse`), and the self-check
 * on_site → work_done (`workOrder.selfCheck`): those arrive with their facts, never as a bare transition.
 */
export type TWorkOrderActor = "assignee" | "office";

export const WORK_ORDER_TRANSITIONS: Readonly<Record<TWorkOrderStatus, Partial<Record<TWorkOrderStatus, readonly TWorkOrderActor[]>>>> = {
  assigned: { en_route: ["assignee"], on_site: ["assignee"], cancelled: ["office"] },
  en_route: { on_site: ["assignee"], assigned: ["assignee"], cancelled: ["office"] },
  on_site: { cancelled: ["office"] },
  work_done: { on_site: ["assignee"], cancelled: ["office"] },
  signed: { closed: ["assignee", "office"] },
  refused_to_sign: { closed: ["assignee", "office"], work_done: ["assignee"] },
  closed: {},
  cancelled: {},
};

/** Transitions that need a reason in words. */
export const REASON_REQUIRED: readonly TWorkOrderStatus[] = ["cancelled"];

export function canTransition(from: TWorkOrderStatus, to: TWorkOrderStatus, actor: TWorkOrderActor): boolean {
  return WORK_ORDER_TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** The statuses an actor may move a work order to from `from`. */
export function nextStatuses(from: TWorkOrderStatus, actor: TWorkOrderActor): TWorkOrderStatus[] {
  return (Object.entries(WORK_ORDER_TRANSITIONS[from]) as [TWorkOrderStatus, readonly TWorkOrderActor[]][])
    .filter(([, actors]) => actors.includes(actor))
    .map(([to]) => to);
}

/**
 * The steps the lineman's phone offers from `status`: the assignee's transitions, forward only. en_route → assigned
 * stays a valid transition (the server accepts it), but "back to assigned" is not a thing a lineman needs on site,
 * so the phone does not offer it.
 */
export function linemanStepTargets(status: TWorkOrderStatus): TWorkOrderStatus[] {
  return nextStatuses(status, "assignee").filter((to) => !(status === "en_route" && to === "assigned"));
}

/** The statuses in which equipment may be checked and photos attached (the lineman is at the customer's). */
export const FIELD_WORK_STATUSES: readonly TWorkOrderStatus[] = ["assigned", "en_route", "on_site", "work_done"];

/**
 * Whether taking the phone back from the customer also closes the order (issue 10, ADR 0022): once the customer
 * has signed, and the lineman may close it. After a refusal the lineman may rather go back to the work (work_done),
 * so closing stays its own decision there.
 */
export function closesAtTakeBack(status: TWorkOrderStatus): boolean {
  return status === "signed" && canTransition(status, "closed", "assignee");
}

/**
 * Where the lineman starts new equipment checks: before the self-check. (The server still accepts a check made
 * offline that arrives after work_done — it is a fact — but the phone offers new checks only up to the self-check,
 * which vouches for the checks made.)
 */
export function canCheckEquipment(status: TWorkOrderStatus): boolean {
  return status === "assigned" || status === "en_route" || status === "on_site";
}

/**
 * Where the phone offers the self-check: on site, or before arriving (assigned, en route), since the phone queues
 * the arrival (→ on_site) first and then the self-check (on_site → work_done). Not once the work is done.
 */
export function canStartSelfCheck(status: TWorkOrderStatus): boolean {
  return status === "assigned" || status === "en_route" || status === "on_site";
}
