import "server-only";
import { and, asc, eq, getTableName, inArray, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { items, itemScopeMoves, userSites, zones } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session";

/**
 * Which items an item-handling phone keeps (ADR 0042, docs/sync-protocol.md): those in the zones of its user's sites
 * and those its user holds (`items.holder_id`). A user with no site keeps every site's items (a small operator, the
 * demo): `all`.
 */
export type ItemScope = { all: true } | { all: false; userId: string; zones: readonly string[] };

/** One lookup per pull: every item-keyed feed of a pull shares its transaction, and so this answer. */
const cache = new WeakMap<Db, Map<string, Promise<ItemScope>>>();

async function lookUp(tx: Db, userId: string): Promise<ItemScope> {
  const sites = await tx.select({ code: userSites.siteCode }).from(userSites).where(eq(userSites.userId, userId));
  if (sites.length === 0) return { all: true };
  const rows = await tx
    .select({ code: zones.code })
    .from(zones)
    .where(
      inArray(
        zones.siteCode,
        sites.map((s) => s.code),
      ),
    )
    .orderBy(asc(zones.code));
  return { all: false, userId, zones: rows.map((z) => z.code) };
}

/** The user's item scope, looked up once per transaction (a pull's feeds run in one). */
export function itemScopeOf(tx: Db, user: Pick<SessionUser, "id">): Promise<ItemScope> {
  let byUser = cache.get(tx);
  if (!byUser) cache.set(tx, (byUser = new Map<string, Promise<ItemScope>>()));
  let scope = byUser.get(user.id);
  if (!scope) byUser.set(user.id, (scope = lookUp(tx, user.id)));
  return scope;
}

/**
 * An item (zone and holder columns) is in the scope: its zone is one of the user's sites' zones, or the user holds
 * it. `undefined` for the whole company. Written as `zone_code = any(…) or holder_id = …` so that a pull's txid window
 * is read through the (zone_code, txid) and (holder_id, txid) indexes, never the company's items.
 */
export function inItemScope(scope: ItemScope, zone: AnyPgColumn, holder: AnyPgColumn): SQL | undefined {
  if (scope.all) return undefined;
  const held = eq(holder, scope.userId);
  return scope.zones.length === 0 ? held : or(inArray(zone, [...scope.zones]), held);
}

/**
 * A site-bound row (a receipt, by its inspection zone) is in the scope: its zone is one of the user's sites' zones.
 * `undefined` for the whole company. Such a row never changes zone, and a change of the user's sites changes the scope
 * key (server/sync/scope.ts) and so starts the phone again: no tombstones needed.
 */
export function zoneInScope(scope: ItemScope, zone: AnyPgColumn): SQL | undefined {
  if (scope.all) return undefined;
  return scope.zones.length === 0 ? sql`false` : inArray(zone, [...scope.zones]);
}

/** Same test as a boolean that is never null (for `not …`): a null zone or holder is simply outside. */
function inScopeStrict(scope: Extract<ItemScope, { all: false }>, zone: AnyPgColumn, holder: AnyPgColumn): SQL {
  const held = sql`coalesce(${holder} = ${scope.userId}, false)`;
  if (scope.zones.length === 0) return held;
  return sql`(coalesce(${zone} = any(${sql`array[${sql.join(
    scope.zones.map((z) => sql`${z}`),
    sql`, `,
  )}]::text[]`}), false) or ${held})`;
}

/**
 * Moves (item_scope_moves, written by a trigger on items) that brought an item into the scope from outside it: the
 * item's earlier events are below the phone's cursor by their own txid, so its item-keyed feeds send them again,
 * paged by the move's txid. Nothing for a user who keeps everything. The query joins `items` (the item now).
 */
export function enteredScope(scope: ItemScope): SQL | undefined {
  if (scope.all) return undefined;
  const from = inScopeStrict(scope, itemScopeMoves.fromZone, itemScopeMoves.fromHolder);
  // and is in it now (the query joins items): one that moved on before the phone pulled never comes
  return and(inItemScope(scope, itemScopeMoves.toZone, itemScopeMoves.toHolder), sql`not ${from}`, inItemScope(scope, items.zoneCode, items.holderId));
}

/**
 * Moves that took an item out of the scope and left it outside (its zone and holder now, like withdrawnWorkOrders
 * checks the order's assignee now): the tombstones of the `itemsLeft` feed. One that came back before the phone
 * pulled is no tombstone; one that moved on (A → B → C) is one, once.
 */
export function leftScope(scope: Extract<ItemScope, { all: false }>): SQL {
  const now = inScopeStrict(scope, items.zoneCode, items.holderId);
  return and(inItemScope(scope, itemScopeMoves.fromZone, itemScopeMoves.fromHolder), sql`not ${now}`)!;
}

/**
 * The rows of an item-keyed feed (label events, stock events): its own rows in the txid window whose item is in the
 * scope, and, for a scoped user, every row of the items that entered the scope in the window (paged by the move's
 * txid). Each branch is limited alike: the first `limit` of both together are among the first `limit` of each.
 */
export async function itemKeyedRows<T extends { txid: number; id: number }>(
  scope: ItemScope,
  own: () => Promise<T[]>,
  entered: (moves: SQL) => Promise<T[]>,
  limit: number,
): Promise<T[]> {
  const mine = await own();
  const cond = enteredScope(scope);
  if (cond === undefined) return mine;
  const again = await entered(cond);
  return [...mine, ...again].sort((a, b) => a.txid - b.txid || a.id - b.id).slice(0, limit);
}

/**
 * The alias of the subquery that sends an item-keyed table's rows again, paged by the move that brought their item in:
 * the table's own name. The pull's window names the feed's txid column (`"stock_events"."txid"`); outside the
 * subquery that name is the subquery's, whose `txid` is the move's. One feed, one txid column, two queries. A feed
 * that reads one must list both sources in its `probe` (server/sync/contract.ts), or a pull would skip it.
 */
export const SHADOWED = (table: Parameters<typeof getTableName>[0]): string => getTableName(table);
