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
  // back from the holder into stock (a return, warehouse stock.move)
  in_use: ["accepted", "pending_disposal"],
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
  /** Back from the holder into stock (a return, 退库). */
  "returned_to_stock",
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
  accepted: ["inspection_passed", "returned_to_stock"],
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

/**
 * Final (permanent) labels: no label follows them for any kind that carries them (退货 returned, 报废 scrapped).
 * Once saved they can never be changed, so the phone says so before saving and a label photo is required.
 */
export const FINAL_STATUSES: readonly TItemStatus[] = ITEM_STATUSES.filter((s) => {
  const carriers = ITEM_KINDS.filter((k) => statusesOf(k).includes(s));
  return carriers.length > 0 && carriers.every((k) => allowedTargets(k, s).length === 0);
});

export function isFinalLabel(to: TItemStatus): boolean {
  return FINAL_STATUSES.includes(to);
}

/** A permanent label needs a photo of the label as evidence (it can never be corrected later). */
export function requiresLabelPhoto(to: TItemStatus): boolean {
  return isFinalLabel(to);
}

/**
 * A zone as the rules see it. `holds`: the quarantine label its area is designated for (Procedure 3: returned,
 * scrapped and pending-disposal items are each kept in their own designated area); null for an undesignated zone.
 */
export interface TZoneFacts {
  code: string;
  kind: TZoneKind;
  holds: TItemStatus | null;
}

/**
 * Whether an item labelled `to` may be in `zone`: quarantine labels need a quarantine zone, and a zone designated
 * for another quarantine label does not do (a scrapped item leaves the pending-disposal area for the scrap area).
 */
export function zoneFits(to: TItemStatus, zone: Pick<TZoneFacts, "kind" | "holds"> | null): boolean {
  if (!requiresQuarantineZone(to)) return true;
  if (zone?.kind !== "quarantine") return false;
  return zone.holds === null || zone.holds === to;
}

/**
 * The zones the phone offers for label `to`: the areas designated for it; undesignated quarantine zones only when
 * no area is designated for it. Empty when the label needs no zone (the item stays where it is).
 */
export function zonesFor<Z extends Pick<TZoneFacts, "kind" | "holds">>(to: TItemStatus, zones: readonly Z[]): Z[] {
  if (!requiresQuarantineZone(to)) return [];
  const designated = zones.filter((z) => z.kind === "quarantine" && z.holds === to);
  return designated.length > 0 ? designated : zones.filter((z) => zoneFits(to, z));
}

export type TLabelCheck =
  | { ok: true }
  | {
      ok: false;
      code: "invalid_transition" | "not_allowed" | "reason_not_allowed" | "note_required" | "quarantine_zone_required" | "photo_required";
    };

/**
 * Every rule of a label change that does not need the database, in this order: role, transition, reason, note,
 * zone, photo. `zoneKind`/`zoneHolds` describe the zone the item moves to (or stays in when no zone is given);
 * `photo`: whether a label photo comes with the change (required for a permanent label).
 */
export function checkLabelChange(opts: {
  role: TRole;
  kind: TItemKind;
  from: TItemStatus;
  to: TItemStatus;
  reason: TLabelReason;
  note: string;
  zoneKind: TZoneKind | null;
  /** The quarantine label the zone is designated for; null or absent: undesignated. */
  zoneHolds?: TItemStatus | null;
  photo: boolean;
}): TLabelCheck {
  if (!mayChangeLabel(opts.role, opts.kind)) return { ok: false, code: "not_allowed" };
  if (!isAllowedTransition(opts.kind, opts.from, opts.to)) return { ok: false, code: "invalid_transition" };
  if (!reasonsFor(opts.to).includes(opts.reason)) return { ok: false, code: "reason_not_allowed" };
  if (opts.reason === "other" && opts.note.trim().length === 0) return { ok: false, code: "note_required" };
  if (!zoneFits(opts.to, opts.zoneKind === null ? null : { kind: opts.zoneKind, holds: opts.zoneHolds ?? null })) {
    return { ok: false, code: "quarantine_zone_required" };
  }
  if (requiresLabelPhoto(opts.to) && !opts.photo) return { ok: false, code: "photo_required" };
  return { ok: true };
}
