/**
 * A label spot-check walk on the phone (P3 标识的检查, ADR 0038), without React: the draft of the walk (the marks so
 * far), what a scanned tag should show from the phone's copy, the mark proposed, and the `spotCheck.submit` v1 args.
 * One mark per tag: marking a tag again replaces its mark (the server refuses a tag twice).
 */
import { uuidv7 } from "uuidv7";
import type { CachedItem, CachedZone } from "@/client/items/stores";
import type { TItemKind, TItemStatus } from "@/domain/items/labels";
import type { TPhoto } from "@/domain/items/mutations";
import { labelKindOfItem, type TLabelKind, type TLabelResult } from "@/domain/quality/model";
import type { TSubmitCheckArgs } from "@/domain/quality/schemas";
import { labelFitsZone } from "@/domain/warehouse/count";

export interface TExpected {
  kind: TItemKind;
  status: TItemStatus;
  zoneCode: string | null;
}

export interface WalkMark {
  id: string;
  tag: string | null;
  subject: string;
  labelKind: TLabelKind;
  result: TLabelResult;
  expected: TExpected | null;
  /** The item's name from the phone's copy (shown in the list; not sent). */
  name: string;
  note: string;
  photo: TPhoto | null;
  markedAt: string;
}

export interface WalkDraft {
  /** The check's id: the planned check's, or made when an unplanned walk starts (kept: a reopened app continues it). */
  id: string;
  planned: boolean;
  /** The check's code when planned (SC-2026-0001); an unplanned one gets its code on the server. */
  code: string | null;
  zoneCode: string | null;
  startedAt: string;
  marks: WalkMark[];
  note: string;
}

/** What the screen's hash names: a planned check (its id) or an unplanned walk of a zone (its code). */
export type TWalkKey = { planned: true; checkId: string } | { planned: false; zoneCode: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function walkKeyOf(hash: string): TWalkKey | null {
  const h = hash.trim();
  if (!h) return null;
  if (UUID.test(h)) return { planned: true, checkId: h.toLowerCase() };
  return { planned: false, zoneCode: h.toUpperCase() };
}

/** The meta-key part of a walk: the check id, or `zone:<code>`. */
export function walkKeyString(key: TWalkKey): string {
  return key.planned ? key.checkId : `zone:${key.zoneCode}`;
}

export function newWalk(key: TWalkKey, opts: { code?: string | null; zoneCode?: string | null } = {}, now: Date = new Date()): WalkDraft {
  return key.planned
    ? { id: key.checkId, planned: true, code: opts.code ?? null, zoneCode: opts.zoneCode ?? null, startedAt: now.toISOString(), marks: [], note: "" }
    : { id: uuidv7(), planned: false, code: null, zoneCode: key.zoneCode, startedAt: now.toISOString(), marks: [], note: "" };
}

/** A scanned tag looked up in the phone's copy. */
export type TScanned =
  | { kind: "item"; tag: string; item: CachedItem; expected: TExpected; labelKind: TLabelKind; hint: TLabelResult | null }
  | { kind: "unknown"; tag: string; labelKind: TLabelKind };

/** The label kind of a tag the phone does not know, from its prefix (stock is finance's, equipment operations'). */
export function labelKindOfTag(tag: string): TLabelKind {
  return tag.startsWith("EQ-") ? "equipment" : "material";
}

/**
 * What the tag should show (the item's label and zone as the phone's copy has them) and the likely finding: in
 * another zone than the one walked → wrong place; a label that does not fit the zone walked → wrong label. Only a
 * proposal: the checker marks what they see.
 */
export function lookUp(tag: string, item: CachedItem | undefined, zone: Pick<CachedZone, "code" | "kind" | "holds"> | null): TScanned {
  if (!item) return { kind: "unknown", tag, labelKind: labelKindOfTag(tag) };
  const expected: TExpected = { kind: item.kind, status: item.status, zoneCode: item.zoneCode };
  let hint: TLabelResult | null = null;
  if (zone) {
    if (item.zoneCode !== zone.code) hint = "wrong_place";
    else if (!labelFitsZone(item.status, { kind: zone.kind, holds: zone.holds ?? null })) hint = "wrong_label";
  }
  return { kind: "item", tag, item, expected, labelKind: labelKindOfItem(item.kind), hint };
}

/** Adds a mark, replacing an earlier mark of the same tag (the last mark of a tag wins). */
export function putMark(draft: WalkDraft, mark: WalkMark): WalkDraft {
  const marks = mark.tag === null ? draft.marks.filter((m) => m.id !== mark.id) : draft.marks.filter((m) => m.tag !== mark.tag && m.id !== mark.id);
  return { ...draft, marks: [...marks, mark] };
}

export function removeMark(draft: WalkDraft, id: string): WalkDraft {
  return { ...draft, marks: draft.marks.filter((m) => m.id !== id) };
}

export function markOf(draft: WalkDraft, tag: string): WalkMark | undefined {
  return draft.marks.find((m) => m.tag === tag);
}

export interface TWalkTally {
  marks: number;
  correct: number;
  findings: number;
}

export function walkTally(draft: WalkDraft): TWalkTally {
  const correct = draft.marks.filter((m) => m.result === "correct").length;
  return { marks: draft.marks.length, correct, findings: draft.marks.length - correct };
}

/** The mutation's args (checked with its schema when queued). */
export function submitArgsOf(draft: WalkDraft): TSubmitCheckArgs {
  return {
    id: draft.id,
    planned: draft.planned,
    zoneCode: draft.zoneCode,
    note: draft.note,
    final: true,
    marks: draft.marks.map((m) => ({
      id: m.id,
      tag: m.tag,
      subject: m.subject,
      labelKind: m.labelKind,
      result: m.result,
      expected: m.expected,
      note: m.note,
      ...(m.photo ? { photo: { mime: m.photo.mime, base64: m.photo.base64 } } : {}),
      markedAt: m.markedAt,
    })),
  };
}

/**
 * The bytes one part of a walk may hold: a change must stay under MAX_SINGLE_MUTATION_BYTES (1 MB) and a finding's
 * photo may be ~240 KB as it travels, so a walk with more than a few findings goes in parts (ADR 0038).
 */
export const WALK_PART_BYTES = 600 * 1024;

/**
 * The walk as the changes to queue, in order: the marks packed greedily into parts of at most `budget` bytes (a mark
 * larger than the budget alone in its part), every part but the last `final: false`. One part when it fits.
 */
export function walkParts(args: TSubmitCheckArgs, budget = WALK_PART_BYTES): TSubmitCheckArgs[] {
  const size = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
  const base = size({ ...args, marks: [] });
  const groups: TSubmitCheckArgs["marks"][] = [];
  let current: TSubmitCheckArgs["marks"] = [];
  let bytes = base;
  for (const m of args.marks) {
    const s = size(m) + 1;
    if (current.length > 0 && bytes + s > budget) {
      groups.push(current);
      current = [];
      bytes = base;
    }
    current.push(m);
    bytes += s;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((marks, i) => ({ ...args, marks, final: i === groups.length - 1 }));
}

export const newMarkId = (): string => uuidv7();

/** A photo kept in the draft, shown again from its bytes after the app was closed. */
export function photoUrl(photo: TPhoto): string {
  return `data:${photo.mime};base64,${photo.base64}`;
}
