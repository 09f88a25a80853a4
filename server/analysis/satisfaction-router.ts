import "server-only";
import { z } from "zod";
import { ZSetWeightsArgs, ZYear } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { roleProcedure, router } from "@/server/trpc";
import { satisfactionResults } from "./satisfaction";
import { setWeights, weightsOfYear } from "./satisfaction-weights";

const day = z.iso.date({ error: "analysis.validation.date" });
const ZResultsArgs = z
  .object({ year: ZYear, from: day.nullish(), to: day.nullish() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { error: "analysis.validation.range", path: ["to"] });

/** The satisfaction index: the year's weights in versions, and the results by element, item, department, category, source (ADR 0041). */
export const satisfactionRouter = router({
  /** The year's current weights and their history (newest first). */
  weights: roleProcedure(ANALYSIS_READER_ROLES)
    .input(z.object({ year: ZYear }))
    .query(({ ctx, input }) => weightsOfYear(ctx.db, input.year)),
  /** Quality sets the year's weights: a new version (each 0–100, one decimal, summing to 100). */
  setWeights: roleProcedure(["quality"])
    .input(ZSetWeightsArgs)
    .mutation(({ ctx, input }) => setWeights(ctx.db, ctx.session.user, input)),
  /** The year's (or a period's) results over the year's latest weights. */
  results: roleProcedure(ANALYSIS_READER_ROLES)
    .input(ZResultsArgs)
    .query(({ ctx, input }) => satisfactionResults(ctx.db, input)),
});
