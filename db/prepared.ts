import "server-only";
import { PostgresJsSession } from "drizzle-orm/postgres-js";

type PrepareQuery = (query: unknown, fields: unknown, name: string | undefined, ...rest: unknown[]) => unknown;
const PATCHED = Symbol.for("tracemark.preparedStatements");

/**
 * Every drizzle query on PostgreSQL runs as a named prepared statement (ADR 0049). drizzle-orm's postgres-js session
 * asks postgres.js to prepare only queries given a name (`.prepare("name")`); any other parameterised query goes
 * unnamed, which postgres.js sends as Parse + Describe, waits for the parameter types, then Bind + Execute: two round
 * trips, and PostgreSQL parses and plans the text every time. Named, a connection parses a statement once and later
 * runs it with one Bind + Execute (postgres.js keeps the statements per connection by text and parameter types; a
 * connection lives 30–60 minutes, which bounds that cache). Measured on the sync load (bench/results/load-*.json).
 *
 * The session class is shared by every drizzle database on postgres-js in the process, so this is done once, here,
 * and `openDb` calls it before opening one.
 */
export function prepareEveryStatement(): void {
  const proto = PostgresJsSession.prototype as unknown as { prepareQuery: PrepareQuery; [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const original = proto.prepareQuery;
  proto.prepareQuery = function (this: unknown, query, fields, name, ...rest) {
    // any defined name makes the driver pass `prepare: true`; postgres.js names the statement itself
    return original.call(this, query, fields, name ?? "", ...rest);
  };
  proto[PATCHED] = true;
}
