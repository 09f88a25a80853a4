/** Work-order kinds and states (装/移/修 and terminal maintenance); transitions arrive with the work-order issue. */
export const WORK_ORDER_KINDS = ["install", "move", "repair", "terminal_maintenance"] as const;
export type TWorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_STATUSES = [
  "assigned",
  "en_route",
  "on_site",
  "work_done",
  "signed",
  "closed",
  "cancelled",
  "refused_to_sign",
] as const;
export type TWorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** States in which a work order still asks something of its lineman. */
export const OPEN_WORK_ORDER_STATUSES: readonly TWorkOrderStatus[] = [
  "assigned",
  "en_route",
  "on_site",
  "work_done",
];

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
