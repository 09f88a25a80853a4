import "server-only";
import { z } from "zod";
import type { TRole } from "@/domain/auth/roles";
import { ZEnterFigureArgs, ZMonthNo, ZSetTargetArgs, ZYear } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { roleProcedure, router } from "@/server/trpc";
import { monthlyStatement } from "./statement";
import { enterFigure, listFigures, listTargets, setTarget } from "./targets";

/** Quality sets the targets. */
export const TARGET_SET_ROLES: readonly TRole[] = ["quality"];
/** A department's head enters its own figures, quality any department's (domain mayEnterFigure decides inside). */
export const FIGURE_ENTER_ROLES: readonly TRole[] = ["quality", "department_head"];

const readers = roleProcedure(ANALYSIS_READER_ROLES);

/** Quality targets by department and year, the departments' monthly figures, the monthly statement (ADR 0041). */
export const targetsRouter = router({
  /** The year's targets with their version and who set them when. */
  list: readers.input(z.object({ year: ZYear })).query(({ ctx, input }) => listTargets(ctx.db, input.year)),
  set: roleProcedure(TARGET_SET_ROLES)
    .input(ZSetTargetArgs)
    .mutation(({ ctx, input }) => setTarget(ctx.db, ctx.session.user, input)),
  enterFigure: roleProcedure(FIGURE_ENTER_ROLES)
    .input(ZEnterFigureArgs)
    .mutation(({ ctx, input }) => enterFigure(ctx.db, ctx.session.user, input)),
  /** The year's entered figures (one month's when given). */
  figures: readers.input(z.object({ year: ZYear, month: ZMonthNo.optional() })).query(({ ctx, input }) => listFigures(ctx.db, input.year, input.month)),
  /** The month's statement: every target with its actual and status. */
  statement: readers.input(z.object({ year: ZYear, month: ZMonthNo })).query(({ ctx, input }) => monthlyStatement(ctx.db, input.year, input.month)),
});
