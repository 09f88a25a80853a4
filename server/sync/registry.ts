import "server-only";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { MUTATION_VERSIONS, type TMutationEnvelope, type TMutationName, type TRejectionCode } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { lockInstrumentsOf } from "@/server/instruments/facts";
import { applyRecordCare, applyReportFault } from "@/server/instruments/offline-field";
import { applyAcceptHandOver, applyCancelHandOver, applyDeclineHandOver, applyHandOver } from "@/server/instruments/offline-handover";
import { applyBorrow, applyReturn } from "@/server/instruments/offline-loans";
import { applyChangeLabel, lockItemsOf } from "@/server/items/change-label";
import { lockWorkOrdersOf } from "@/server/work-orders/access";
import { applyCheckEquipment } from "@/server/work-orders/check-equipment";
import { applyCustomerRefuse } from "@/server/work-orders/customer-refuse";
import { applyCustomerSign } from "@/server/work-orders/customer-sign";
import { applyAddPhoto } from "@/server/work-orders/photo";
import { applySelfCheck } from "@/server/work-orders/self-check";
import { applyTransition } from "@/server/work-orders/transition";
import { applyWithdrawCheck } from "@/server/work-orders/withdraw-check";
import { Rejection } from "./rejection";
import { applyResolveRejection } from "./resolve";

export interface MutationContext {
  tx: Db;
  user: SessionUser;
  mutation: TMutationEnvelope;
  /** Append-only rows (events, audit) written once per batch, in order, in the same transaction. */
  append: Appender;
}

/** Collects append-only inserts of a batch; push writes them (one statement per table) before it commits. */
export class Appender {
  private readonly rows = new Map<PgTable, Record<string, unknown>[]>();
  add<T extends PgTable>(table: T, row: T["$inferInsert"]): void {
    const list = this.rows.get(table) ?? [];
    list.push(row as Record<string, unknown>);
    this.rows.set(table, list);
  }
  async flush(tx: Db): Promise<void> {
    for (const [table, rows] of this.rows) {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500));
    }
    this.rows.clear();
  }
}

/**
 * A handler first decides, reading (and locking) current state: it throws a Rejection, answers
 * already_in_state, or returns the writes to make. Writes never reject: the two phases keep a refused
 * mutation free of partial writes without a savepoint per mutation. An applied mutation may carry a flag: stored
 * with its result (reason code and details) and listed by sync.pull under "Needs attention" until resolved.
 */
export type Decision =
  | { status: "already_in_state"; details?: Record<string, unknown> }
  | { status: "applied"; write: () => Promise<void>; flag?: { code: TRejectionCode; details: Record<string, unknown> } };

type Handler = (ctx: MutationContext) => Promise<Decision>;

/** Mutation name → handler. Every name in MUTATION_VERSIONS has one; old versions stay accepted. */
const HANDLERS: Record<TMutationName, Handler> = {
  "item.changeLabel": applyChangeLabel,
  "rejection.resolve": applyResolveRejection,
  "instrument.borrow": applyBorrow,
  "instrument.return": applyReturn,
  "instrument.handOver": applyHandOver,
  "instrument.acceptHandOver": applyAcceptHandOver,
  "instrument.declineHandOver": applyDeclineHandOver,
  "instrument.cancelHandOver": applyCancelHandOver,
  "instrument.reportFault": applyReportFault,
  "instrument.recordCare": applyRecordCare,
  "workOrder.transition": applyTransition,
  "workOrder.checkEquipment": applyCheckEquipment,
  "workOrder.selfCheck": applySelfCheck,
  "workOrder.customerSign": applyCustomerSign,
  "workOrder.customerRefuse": applyCustomerRefuse,
  "workOrder.addPhoto": applyAddPhoto,
  "workOrder.withdrawCheck": applyWithdrawCheck,
};

/**
 * Row locks a batch takes up front, in a fixed order (items, then work orders, each by id), so that concurrent
 * batches never deadlock.
 */
export async function lockBatch(tx: Db, mutations: readonly TMutationEnvelope[]): Promise<void> {
  await lockItemsOf(tx, mutations);
  // Instruments next (each batch locks in the same order: items, instruments, work orders).
  await lockInstrumentsOf(tx, mutations);
  await lockWorkOrdersOf(tx, mutations);
}

export function handlerFor(m: TMutationEnvelope): Handler {
  if (!(m.name in HANDLERS)) throw new Rejection("unknown_mutation", { name: m.name });
  const name = m.name as TMutationName;
  if (!(MUTATION_VERSIONS[name] as readonly number[]).includes(m.schemaVersion)) {
    throw new Rejection("unsupported_version", { name, schemaVersion: m.schemaVersion });
  }
  return HANDLERS[name];
}
