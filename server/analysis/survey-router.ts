import "server-only";
import { z } from "zod";
import { ZDrawSurveyArgs, ZRecordContactArgs, ZYear } from "@/domain/analysis/schemas";
import { SURVEY_ROLES } from "@/domain/analysis/targets";
import { roleProcedure, router } from "@/server/trpc";
import { closeSurvey, drawSurvey, recordContact, ZCloseSurveyArgs } from "./survey";
import { getSurvey, listSurveys } from "./survey-read";

const quality = roleProcedure(["quality"]);

/** The year-end sampling survey: draw a stratified sample, the call list, answers, the inquiry letters (ADR 0041). */
export const surveyRouter = router({
  /** Quality draws the year's sample (seed kept; `empty_frame` when the year has no customers). */
  draw: quality.input(ZDrawSurveyArgs).mutation(({ ctx, input }) => drawSurvey(ctx.db, ctx.session.user, input)),
  /** The surveys (of a year), newest first, with response rates. */
  list: roleProcedure(SURVEY_ROLES)
    .input(z.object({ year: ZYear.nullish() }).default({}))
    .query(({ ctx, input }) => listSurveys(ctx.db, input)),
  /** A survey with its strata, response rate and call list. */
  get: roleProcedure(SURVEY_ROLES)
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getSurvey(ctx.db, input.id)),
  /** A call's or letter's outcome for one contact (version checked; a closed survey refuses). */
  record: roleProcedure(SURVEY_ROLES)
    .input(ZRecordContactArgs)
    .mutation(({ ctx, input }) => recordContact(ctx.db, ctx.session.user, input)),
  /** Quality closes the survey. */
  close: quality.input(ZCloseSurveyArgs).mutation(({ ctx, input }) => closeSurvey(ctx.db, ctx.session.user, input)),
});
