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

/** What a handler reports: applied, or the target state was already there (nothing changed). */
export type HandlerOutcome = { status: "applied" | "already_in_state"; details?: Record<string, unknown> };

type Handler = (ctx: MutationContext) => Promise<HandlerOutcome>;

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
