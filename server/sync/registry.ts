import "server-only";
import type { Db } from "@/db/client";
import { MUTATION_VERSIONS, type TMutationEnvelope, type TMutationName } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { applyChangeLabel } from "@/server/items/change-label";
import { Rejection } from "./rejection";
import { applyResolveRejection } from "./resolve";

export interface MutationContext {
  tx: Db;
  user: SessionUser;
  mutation: TMutationEnvelope;
}

/**
 * A handler first decides, reading (and locking) current state: it throws a Rejection, answers
 * already_in_state, or returns the writes to make. Writes never reject: the two phases keep a refused
 * mutation free of partial writes without a savepoint per mutation.
 */
export type Decision =
  | { status: "already_in_state"; details?: Record<string, unknown> }
  | { status: "applied"; write: () => Promise<void> };

type Handler = (ctx: MutationContext) => Promise<Decision>;

/** Mutation name → handler. Every name in MUTATION_VERSIONS has one; old versions stay accepted. */
const HANDLERS: Record<TMutationName, Handler> = {
  "item.changeLabel": applyChangeLabel,
  "rejection.resolve": applyResolveRejection,
};

export function handlerFor(m: TMutationEnvelope): Handler {
  if (!(m.name in HANDLERS)) throw new Rejection("unknown_mutation", { name: m.name });
  const name = m.name as TMutationName;
  if (!(MUTATION_VERSIONS[name] as readonly number[]).includes(m.schemaVersion)) {
    throw new Rejection("unsupported_version", { name, schemaVersion: m.schemaVersion });
  }
  return HANDLERS[name];
}
