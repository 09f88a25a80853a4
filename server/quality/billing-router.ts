import "server-only";
import { z } from "zod";
import { ZOpenMonthInput, ZRecordBillingInput, ZSetThresholdInput } from "@/domain/quality/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { openMonthForAll, recordBilling, setThreshold } from "./billing";
import { BILLING_READER_ROLES, BILLING_RECORD_ROLES, listMonths } from "./billing-read";

const quality = roleProcedure(["quality"]);

/** The exchange's monthly billing-accuracy check (交换机计费准确率检测, P4; ADR 0038). */
export const billingRouter = router({
  /** Every exchange's months with accuracy and verdict, overdue on today, and the threshold of today. */
  months: roleProcedure(BILLING_READER_ROLES)
    .input(z.object({ exchangeCode: z.string().max(40).nullish() }).default({}))
    .query(({ ctx, input }) => listMonths(ctx.db, input)),
  /** The switching and transmission office records a month (domain mayRecordBilling, inside). */
  record: roleProcedure(BILLING_RECORD_ROLES)
    .input(ZRecordBillingInput)
    .mutation(({ ctx, input }) => recordBilling(ctx.db, ctx.session.user, input)),
  setThreshold: quality.input(ZSetThresholdInput).mutation(({ ctx, input }) => setThreshold(ctx.db, ctx.session.user, input.thresholdPct)),
  /** Opens a month for every active exchange by hand (idempotent: a month already open is left as it is). */
  openMonth: quality.input(ZOpenMonthInput).mutation(({ ctx, input }) => openMonthForAll(ctx.db, input.month, ctx.session.user.id)),
});
