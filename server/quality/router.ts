import "server-only";
import { z } from "zod";
import type { TRole } from "@/domain/auth/roles";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CHECK_STATUSES } from "@/domain/quality/model";
import { ZDecideNcInput, ZFinishOrderCheckInput, ZMarkOrderInput, ZNcFilter, ZPlanCheckInput, ZRaiseNcInput } from "@/domain/quality/schemas";
import { ZDay } from "@/domain/work-orders/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { getCheck, listChecks, listPeople, planCheck } from "./checks";
import { finishOrderCheck, markOrder } from "./checks-orders";
import { decideNonconformity, raiseByHand } from "./nonconformities-decide";
import { getNonconformity, listNonconformities } from "./nonconformities-read";
import { qualityPareto } from "./pareto";

/** Quality's own steps (domain mayRunQuality). */
export const QUALITY_ROLES: readonly TRole[] = ["quality"];
/** Who reads the checks and the Pareto (domain mayReadAllQuality). */
export const QUALITY_READER_ROLES: readonly TRole[] = ["quality", "general_manager"];
/** Who reads nonconformities: quality and the GM all; a department head their own department's (inside). */
export const NC_READER_ROLES: readonly TRole[] = ["quality", "general_manager", "department_head"];

const quality = roleProcedure(QUALITY_ROLES);
const readers = roleProcedure(QUALITY_READER_ROLES);
const ncReaders = roleProcedure(NC_READER_ROLES);
const ZById = z.object({ id: z.uuid() });

/**
 * Quality's office API (ADR 0038): people for the pickers, label and work-order spot-checks (planned here, walked on
 * the phone through sync: server/quality/sync.ts), nonconformities (raised, decided) and their Pareto.
 */
export const qualityRouter = router({
  /** Active people (a check's assignee, an action's owner); a department head gets their own department's. */
  people: ncReaders
    .input(z.object({ department: z.enum(DEPARTMENTS).nullable().optional() }).default({}))
    .query(({ ctx, input }) => listPeople(ctx.db, ctx.session.user, input)),
  planCheck: quality.input(ZPlanCheckInput).mutation(({ ctx, input }) => planCheck(ctx.db, ctx.session.user, input)),
  checks: readers
    .input(z.object({ status: z.enum(CHECK_STATUSES).nullable().default(null), page: z.number().int().min(1).max(10_000).default(1) }))
    .query(({ ctx, input }) => listChecks(ctx.db, input)),
  check: readers.input(ZById).query(({ ctx, input }) => getCheck(ctx.db, input.id)),
  markOrder: quality.input(ZMarkOrderInput).mutation(({ ctx, input }) => markOrder(ctx.db, ctx.session.user, input)),
  finishOrderCheck: quality.input(ZFinishOrderCheckInput).mutation(({ ctx, input }) => finishOrderCheck(ctx.db, ctx.session.user, input.checkId)),
  nonconformities: ncReaders.input(ZNcFilter).query(({ ctx, input }) => listNonconformities(ctx.db, ctx.session.user, input)),
  nonconformity: ncReaders.input(ZById).query(({ ctx, input }) => getNonconformity(ctx.db, ctx.session.user, input.id)),
  raise: quality.input(ZRaiseNcInput).mutation(({ ctx, input }) => raiseByHand(ctx.db, ctx.session.user, input)),
  decide: quality.input(ZDecideNcInput).mutation(({ ctx, input }) => decideNonconformity(ctx.db, ctx.session.user, input)),
  pareto: readers
    .input(z.object({ from: ZDay.nullable().optional(), to: ZDay.nullable().optional() }).default({}))
    .query(({ ctx, input }) => qualityPareto(ctx.db, input)),
});
