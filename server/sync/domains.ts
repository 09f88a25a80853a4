import "server-only";
import { MUTATION_VERSIONS, type TMutationEnvelope, type TMutationName } from "@/domain/sync/protocol";
import type { Db } from "@/db/client";
import { complaintsSync } from "@/server/complaints/sync";
import { instrumentsSync } from "@/server/instruments/sync";
import { itemsSync } from "@/server/items/sync";
import { licensesSync } from "@/server/licenses/sync";
import { noticesSync } from "@/server/notices/sync";
import { propertySync } from "@/server/property/sync";
import { qualitySync } from "@/server/quality/sync";
import { warehouseSync } from "@/server/warehouse/sync";
import { workOrdersSync } from "@/server/work-orders/sync";
import { syncDomain, type Handler, type LockedRows, type SyncDomain } from "./contract";
import { Rejection } from "./rejection";
import { applyResolveRejection } from "./resolve";
import type { UnionToIntersection } from "@/domain/type-utils";

/** Sync's own mutation: the user dealt with a refused or flagged change ("Needs attention"). */
const attention = syncDomain({
  name: "sync",
  mutations: { "rejection.resolve": { versions: MUTATION_VERSIONS["rejection.resolve"], handler: applyResolveRejection } },
  feeds: {},
});

/**
 * The composition root of sync: every domain that syncs, one line each (server/<domain>/sync.ts). The order is the
 * order in which a batch locks rows up front (items, instruments, work orders), the same for every batch, so
 * concurrent batches never deadlock.
 */
const DOMAINS = [
  attention,
  itemsSync,
  licensesSync,
  instrumentsSync,
  workOrdersSync,
  noticesSync,
  complaintsSync,
  warehouseSync,
  qualitySync,
  propertySync,
] as const;

type Domains = (typeof DOMAINS)[number];

/** Every pull feed of every domain, by key; the row types are inferred from each feed's query. */
export type TFeeds = UnionToIntersection<Domains["feeds"]>;
export type TFeedKey = Extract<keyof TFeeds, string>;
export type TFeedRows = { [K in TFeedKey]: Awaited<ReturnType<TFeeds[K]["rows"]>> };

/** The mutation names the domains handle must be exactly the names of the public contract (domain/sync/protocol.ts). */
type Handled = keyof UnionToIntersection<Domains["mutations"]>;
export const HANDLES_EVERY_MUTATION: [TMutationName] extends [Handled] ? ([Handled] extends [TMutationName] ? true : never) : never = true;

/** Merges the domains' records, refusing a key two domains both claim (a feed or a mutation name). */
function merge<K extends "feeds" | "mutations">(key: K, domains: readonly SyncDomain[]): Record<string, SyncDomain[K][string]> {
  const out: Record<string, SyncDomain[K][string]> = {};
  for (const d of domains) {
    for (const [name, value] of Object.entries(d[key])) {
      if (name in out) throw new Error(`sync: ${key} "${name}" is declared by two domains (the second is ${d.name})`);
      out[name] = value as SyncDomain[K][string];
    }
  }
  return out;
}

export const FEEDS = merge("feeds", DOMAINS) as unknown as TFeeds;
const MUTATIONS = merge("mutations", DOMAINS);

/** Row locks a batch takes up front, each domain's in the domain list's order. */
export async function lockBatch(tx: Db, mutations: readonly TMutationEnvelope[], locked: LockedRows): Promise<void> {
  for (const d of DOMAINS as readonly SyncDomain[]) if (d.lock) await d.lock(tx, mutations, locked);
}

/** The handler of a mutation, refusing a name no domain handles or a version it no longer accepts. */
export function handlerFor(m: TMutationEnvelope): Handler {
  const def = Object.hasOwn(MUTATIONS, m.name) ? MUTATIONS[m.name] : undefined;
  if (!def) throw new Rejection("unknown_mutation", { name: m.name });
  if (!def.versions.includes(m.schemaVersion)) throw new Rejection("unsupported_version", { name: m.name, schemaVersion: m.schemaVersion });
  return def.handler;
}

/** The domains as declared, for the contract tests (scopes, names). */
export const SYNC_DOMAINS: readonly SyncDomain[] = DOMAINS;
