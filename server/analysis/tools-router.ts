import "server-only";
import { z } from "zod";
import type { TRole } from "@/domain/auth/roles";
import { CHECK_SHEET_SUBJECTS, PARETO_SUBJECTS, ZDateRange, ZSaveFishboneArgs } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { roleProcedure, router } from "@/server/trpc";
import { getFishbone, listFishbones, saveFishbone } from "./fishbone";
import { checkSheetBlock, paretoBlock } from "./pareto";

/** Quality creates and edits worksheets; the head of the linked corrective action's department may edit one (decided inside). */
export const FISHBONE_SAVE_ROLES: readonly TRole[] = ["quality", "department_head"];

const readers = roleProcedure(ANALYSIS_READER_ROLES);
const ZRangeOf = <S extends readonly [string, ...string[]]>(subjects: S) =>
  z.object({ subject: z.enum(subjects, { error: "analysis.validation.subject" }) }).and(ZDateRange);

/** The statistical tools: Pareto charts, check sheets, fishbone worksheets (ADR 0041). */
export const analysisRouter = router({
  /** A Pareto chart's data (排列图) over [from, to]. */
  pareto: readers.input(ZRangeOf(PARETO_SUBJECTS)).query(({ ctx, input }) => paretoBlock(ctx.db, input.subject, input.from, input.to)),
  /** A check sheet (调查表) over [from, to]. */
  checkSheet: readers.input(ZRangeOf(CHECK_SHEET_SUBJECTS)).query(({ ctx, input }) => checkSheetBlock(ctx.db, input.subject, input.from, input.to)),
  fishbones: readers.input(z.object({ actionId: z.uuid().optional() })).query(({ ctx, input }) => listFishbones(ctx.db, input)),
  fishbone: readers.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getFishbone(ctx.db, ctx.session.user, input.id)),
  saveFishbone: roleProcedure(FISHBONE_SAVE_ROLES)
    .input(ZSaveFishboneArgs)
    .mutation(({ ctx, input }) => saveFishbone(ctx.db, ctx.session.user, input)),
});
