/**
 * Tagged things and their status labels (Procedure 3, identification and traceability): the names, the
 * transition table per kind, who may change which kind, the reasons, and the quarantine rule.
 * The phone uses this to offer only allowed actions offline; the server uses it to decide.
 */
import type { TRole } from "@/domain/auth/roles";

export const ITEM_KINDS = ["material", "equipment", "facility", "customer_equipment"] as const;
export type TItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = [
  "received",
  "pending_inspection", // 待检
  "accepted",
  "returned",
  "in_use",
  "pending_disposal",
  "scrapped",
  "in_service",
  "under_maintenance", // 检修
] as const;
export type TItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses whose items must be kept apart in a designated quarantine zone. */
export const QUARANTINE_STATUSES: readonly TItemStatus[] = ["returned", "scrapped", "pending_disposal"];

export const ZONE_KINDS = ["stock", "inspection", "quarantine", "site"] as const;
export type TZoneKind = (typeof ZONE_KINDS)[number];

type Table = Partial<Record<TItemStatus, readonly TItemStatus[]>>;

const MATERIAL: Table = {
  received: ["pending_inspection"],
  pending_inspection: ["accepted", "returned"],
  accepted: ["in_use", "pending_disposal"],
  in_use: ["pending_disposal"],
  pending_disposal: ["scrapped"],
};

const EQUIPMENT: Table = {
  in_service: ["under_maintenance", "pending_disposal"],
  under_maintenance: ["in_service", "pending_disposal"],
  pending_disposal: ["scrapped"],
};

/** The one transition table: kind → from → allowed targets. Anything not listed is refused. */
export const LABEL_TRANSITIONS: Record<TItemKind, Table> = {
  material: MATERIAL,
  equipment: EQUIPMENT,
  facility: EQUIPMENT,
  customer_equipment: EQUIPMENT,
};

/** Statuses an item of a kind may carry at all. */
export function statusesOf(kind: TItemKind): TItemStatus[] {
  const table = LABEL_TRANSITIONS[kind];
  const all = new Set<TItemStatus>();
  for (const [from, targets] of Object.entries(table)) {
    all.add(from as TItemStatus);
    for (const t of targets ?? []) all.add(t);
  }
  return ITEM_STATUSES.filter((s) => all.has(s));
}

export function allowedTargets(kind: TItemKind, from: TItemStatus): readonly TItemStatus[] {
  return LABEL_TRANSITIONS[kind][from] ?? [];
}

export function isAllowedTransition(kind: TItemKind, from: TItemStatus, to: TItemStatus): boolean {
  return allowedTargets(kind, from).includes(to);
}

/** Who puts labels on what (Procedure 3): keepers on materials, operations on equipment and facilities. */
export const LABEL_ROLES: Record<TItemKind, readonly TRole[]> = {
  material: ["warehouse_keeper"],
  equipment: ["operations"],
  facility: ["operations"],
  customer_equipment: ["lineman", "operations"],
};

export function mayChangeLabel(role: TRole, kind: TItemKind): boolean {
  return LABEL_ROLES[kind].includes(role);
}

/** Roles whose phones keep tagged items for offline use: those who change labels, and quality, who spot-checks them. */
export const ITEM_HANDLING_ROLES: readonly TRole[] = ["warehouse_keeper", "operations", "lineman", "quality"];

export function handlesItems(role: TRole): boolean {
  return ITEM_HANDLING_ROLES.includes(role);
}

export const LABEL_REASONS = [
  "arrived", // 到货登记
  "inspection_passed",
  "inspection_failed",
  "issued_for_use",
  "fault_found",
  "routine_maintenance",
  "repair_done",
  "beyond_repair",
  "end_of_life",
  "obsolete",
  "disposal_approved",
  "other",
] as const;
export type TLabelReason = (typeof LABEL_REASONS)[number];

/** Reasons that make sense for each target label; "other" (with a note) is always possible. */
export const REASONS_BY_TARGET: Record<TItemStatus, readonly TLabelReason[]> = {
  received: ["arrived"],
  pending_inspection: ["arrived"],
  accepted: ["inspection_passed"],
  returned: ["inspection_failed"],
  in_use: ["issued_for_use"],
  pending_disposal: ["beyond_repair", "end_of_life", "obsolete", "inspection_failed"],
  scrapped: ["disposal_approved"],
  in_service: ["repair_done", "inspection_passed"],
  under_maintenance: ["fault_found", "routine_maintenance"],
};

export function reasonsFor(to: TItemStatus): readonly TLabelReason[] {
  return [...REASONS_BY_TARGET[to], "other"];
}

export function requiresQuarantineZone(to: TItemStatus): boolean {
  return QUARANTINE_STATUSES.includes(to);
}

export type TLabelCheck =
  | { ok: true }
  | { ok: false; code: "invalid_transition" | "not_allowed" | "reason_not_allowed" | "note_required" | "quarantine_zone_required" };

/**
 * Every rule of a label change that does not need the database: transition, role, reason, note, zone kind.
 * `zoneKind` is the kind of the zone the item moves to (or stays in when no zone is given).
 */
export function checkLabelChange(opts: {
  role: TRole;
  kind: TItemKind;
  from: TItemStatus;
  to: TItemStatus;
  reason: TLabelReason;
  note: string;
  zoneKind: TZoneKind | null;
}): TLabelCheck {
  if (!mayChangeLabel(opts.role, opts.kind)) return { ok: false, code: "not_allowed" };
  if (!isAllowedTransition(opts.kind, opts.from, opts.to)) return { ok: false, code: "invalid_transition" };
  if (!reasonsFor(opts.to).includes(opts.reason)) return { ok: false, code: "reason_not_allowed" };
  if (opts.reason === "other" && opts.note.trim().length === 0) return { ok: false, code: "note_required" };
  if (requiresQuarantineZone(opts.to) && opts.zoneKind !== "quarantine") return { ok: false, code: "quarantine_zone_required" };
  return { ok: true };
}
