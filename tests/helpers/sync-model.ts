/**
 * The reference model of the offline protocol's server side, from domain/ rules only (no server code): replays
 * mutations in the order the server applied them and says what each must have answered and what state results.
 */
import type { TRole } from "@/domain/auth/roles";
import { checkLabelChange, mayChangeLabel, type TItemKind, type TItemStatus, type TZoneKind } from "@/domain/items/labels";
import { ZChangeLabelArgs, ZChangeLabelExpected } from "@/domain/items/mutations";
import { MUTATION_VERSIONS, ZResolveRejectionArgs, type TMutationOutcome, type TRejectionCode } from "@/domain/sync/protocol";
import { judgeExpected } from "@/domain/sync/stale";

export interface ModelItem {
  id: string;
  kind: TItemKind;
  status: TItemStatus;
  version: number;
  zoneCode: string | null;
}

/** A mutation as a device sent it, with who sent it. */
export interface SentMutation {
  mutationId: string;
  deviceId: string;
  seq: number;
  name: string;
  schemaVersion: number;
  args: unknown;
  expected?: unknown;
  userId: string;
  role: TRole;
}

export interface ModelOutcome {
  status: TMutationOutcome;
  reasonCode: TRejectionCode | null;
}

export interface ModelResult {
  outcomes: Map<string, ModelOutcome>;
  items: Map<string, ModelItem>;
  /** Rejections resolved, with the first resolution. */
  resolved: Map<string, "dismissed" | "reissued">;
  appliedChanges: number;
  appliedResolves: number;
}

const reject = (reasonCode: TRejectionCode): ModelOutcome => ({ status: "rejected", reasonCode });
const APPLIED: ModelOutcome = { status: "applied", reasonCode: null };
const ALREADY: ModelOutcome = { status: "already_in_state", reasonCode: null };

/**
 * Replays `order` (mutation ids in the server's apply order) from the initial `items`. Rules, in the order the
 * protocol documents them: name and version; arguments; the object exists; the role may act on it; compare-and-set
 * on the version the phone saw, its own earlier changes not counting (already_in_state / stale); the zone exists;
 * the domain's label rules.
 */
export function replayModel(opts: {
  items: Iterable<ModelItem>;
  zones: ReadonlyMap<string, TZoneKind>;
  sent: ReadonlyMap<string, SentMutation>;
  order: readonly string[];
}): ModelResult {
  const items = new Map<string, ModelItem>();
  for (const i of opts.items) items.set(i.id, { ...i });
  const outcomes = new Map<string, ModelOutcome>();
  const resolved = new Map<string, "dismissed" | "reissued">();
  /** Per item, the device that made each version and the label it started from (version → change). */
  const madeBy = new Map<string, Map<number, { deviceId: string; from: TItemStatus }>>();
  let appliedChanges = 0;
  let appliedResolves = 0;

  const decide = (m: SentMutation): ModelOutcome => {
    if (!(m.name in MUTATION_VERSIONS)) return reject("unknown_mutation");
    const versions = MUTATION_VERSIONS[m.name as keyof typeof MUTATION_VERSIONS] as readonly number[];
    if (!versions.includes(m.schemaVersion)) return reject("unsupported_version");

    if (m.name === "rejection.resolve") {
      const args = ZResolveRejectionArgs.safeParse(m.args);
      if (!args.success) return reject("bad_input");
      const target = outcomes.get(args.data.mutationId);
      if (!target || target.status !== "rejected") return reject("not_found");
      if (opts.sent.get(args.data.mutationId)?.userId !== m.userId) return reject("not_allowed");
      if (resolved.has(args.data.mutationId)) return ALREADY;
      resolved.set(args.data.mutationId, args.data.resolution);
      appliedResolves++;
      return APPLIED;
    }

    const args = ZChangeLabelArgs.safeParse(m.args);
    const expected = ZChangeLabelExpected.safeParse(m.expected);
    if (!args.success || !expected.success) return reject("bad_input");
    const a = args.data;
    const item = items.get(a.itemId);
    if (!item) return reject("not_found");
    if (!mayChangeLabel(m.role, item.kind)) return reject("not_allowed");
    const e = expected.data;
    // own versions since the one the phone saw count only if the first of them started from the label it says it saw
    let own = 0;
    if (madeBy.get(item.id)?.get(e.version + 1)?.from === e.from) {
      for (let v = e.version + 1; v <= item.version; v++) if (madeBy.get(item.id)?.get(v)?.deviceId === m.deviceId) own++;
    }
    const outcomeHolds = item.status === a.to && (a.zoneCode === undefined || a.zoneCode === item.zoneCode);
    const verdict = judgeExpected({ current: item, expected: e, ownVersionsSince: item.version > e.version ? own : 0, outcomeHolds });
    if (verdict === "already") return ALREADY;
    if (verdict === "stale") return reject("stale");
    const zoneCode = a.zoneCode ?? item.zoneCode;
    if (a.zoneCode !== undefined && !opts.zones.has(a.zoneCode)) return reject("unknown_zone");
    const zoneKind = zoneCode ? (opts.zones.get(zoneCode) ?? null) : null;
    const check = checkLabelChange({
      role: m.role,
      kind: item.kind,
      from: item.status,
      to: a.to,
      reason: a.reason,
      note: a.note,
      zoneKind,
      photo: m.schemaVersion === 1 || a.photo !== undefined,
    });
    if (!check.ok) return reject(check.code);
    const from = item.status;
    item.status = a.to;
    item.version += 1;
    madeBy.set(item.id, (madeBy.get(item.id) ?? new Map<number, { deviceId: string; from: TItemStatus }>()).set(item.version, { deviceId: m.deviceId, from }));
    item.zoneCode = zoneCode;
    appliedChanges++;
    return APPLIED;
  };

  for (const id of opts.order) {
    const m = opts.sent.get(id);
    if (!m) throw new Error(`the server answered a mutation nobody sent: ${id}`);
    if (outcomes.has(id)) throw new Error(`the server applied ${id} twice`);
    outcomes.set(id, decide(m));
  }
  return { outcomes, items, resolved, appliedChanges, appliedResolves };
}
