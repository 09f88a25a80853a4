import "server-only";
import { z } from "zod";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { ZActionFilter, ZImplementActionInput, ZPlanActionInput, ZVerifyActionInput } from "@/domain/quality/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { getAction, listActions, myActions } from "./actions-read";
import { actionStep } from "./actions-steps";

/** Anyone may own an action (the head names the owner): each reads what it may inside (domain mayReadAction). */
const anyone = roleProcedure(ROLES);
/** The head of the record's department plans it (domain caStepDecision decides by the record). */
export const ACTION_PLAN_ROLES: readonly TRole[] = ["department_head"];
/** Quality verifies. */
export const ACTION_VERIFY_ROLES: readonly TRole[] = ["quality"];

/** The Corrective/Preventive Action Record (《纠正预防措施记录表》, ADR 0038). */
export const actionsRouter = router({
  /** Quality and the general manager all records; a head their department's; anyone those they own. */
  list: anyone.input(ZActionFilter).query(({ ctx, input }) => listActions(ctx.db, ctx.session.user, input)),
  /** The head's home: open records of my department (heads) or owned by me, with the step due and overdue. */
  mine: anyone.query(({ ctx }) => myActions(ctx.db, ctx.session.user)),
  /** One record with its nonconformity, every signed step, and what the caller may do now. */
  get: anyone.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getAction(ctx.db, ctx.session.user, input.id)),
  plan: roleProcedure(ACTION_PLAN_ROLES)
    .input(ZPlanActionInput)
    .mutation(({ ctx, input }) => actionStep(ctx.db, ctx.session.user, { step: "planned", input })),
  /** The head or the action's owner (anyone) reports it done. */
  implement: anyone.input(ZImplementActionInput).mutation(({ ctx, input }) => actionStep(ctx.db, ctx.session.user, { step: "implemented", input })),
  verify: roleProcedure(ACTION_VERIFY_ROLES)
    .input(ZVerifyActionInput)
    .mutation(({ ctx, input }) => actionStep(ctx.db, ctx.session.user, { step: "verify", input })),
});
