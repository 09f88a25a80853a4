import "server-only";
import { z } from "zod";
import { ROLES } from "@/domain/auth/roles";
import {
  ZAcceptInput,
  ZCallbackInput,
  ZCategoryInput,
  ZClassifyInput,
  ZCloseInput,
  ZCreateServiceRequestInput,
  ZDeskQuery,
  ZEscalateInput,
  ZKeyCustomerInput,
  ZLetterInput,
  ZNoteStepInput,
  ZPolicyInput,
  ZReopenInput,
  ZReplyInput,
  ZResolveInput,
  ZReviewInput,
  ZSignInput,
} from "@/domain/complaints/schemas";
import { zLine } from "@/domain/text/rules";
import { roleProcedure, router } from "@/server/trpc";
import { CLASSIFY_ROLES, DESK_READER_ROLES, KEY_CUSTOMER_ROLES, POLICY_ROLES, REVIEW_ROLES, STEP_ROLES } from "./access";
import { complaintDesk } from "./desk";
import { getComplaintDetail } from "./detail";
import { listEscalated } from "./escalated";
import { getPolicy, setPolicy } from "./policy";
import { listCategories, listKeyCustomers, saveCategory, saveKeyCustomer } from "./register";
import { createServiceRequest } from "./service-request";
import { complaintStep } from "./steps";
import { produceMonthSummary, SUMMARY_PRODUCER_ROLES, SUMMARY_READER_ROLES, summaryFor, ZSummaryInput } from "./summary";

const reader = roleProcedure(DESK_READER_ROLES);
const stepper = roleProcedure(STEP_ROLES);

export const complaintsRouter = router({
  /** The desk: queue by deadline, filters, search; department heads see their department's forms (inside). */
  desk: reader.input(ZDeskQuery).query(({ ctx, input }) => complaintDesk(ctx.db, ctx.session.user, input)),
  /** The month's summary: the latest produced (the job's on the 1st, or on demand), else as of now. */
  summary: roleProcedure(SUMMARY_READER_ROLES)
    .input(ZSummaryInput)
    .query(({ ctx, input }) => summaryFor(ctx.db, input.month)),
  produceSummary: roleProcedure(SUMMARY_PRODUCER_ROLES)
    .input(ZSummaryInput)
    .mutation(({ ctx, input }) => produceMonthSummary(ctx.db, input.month, ctx.session.user.id)),
  /** One form in full, with what the viewer may do now: the desk's readers any, others their department's or their own. */
  get: roleProcedure(ROLES)
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getComplaintDetail({ db: ctx.db, user: ctx.session.user, id: input.id })),

  // the handling steps: each { complaintId, version, … } → { id, version, status }; who may is decided per record
  classify: roleProcedure(CLASSIFY_ROLES)
    .input(ZClassifyInput)
    .mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "classify", input })),
  accept: stepper.input(ZAcceptInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "accept", input })),
  investigate: stepper.input(ZNoteStepInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "investigate", input })),
  resolve: stepper.input(ZResolveInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "resolve", input })),
  reply: stepper.input(ZReplyInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "reply", input })),
  letter: stepper.input(ZLetterInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "letter", input })),
  sign: stepper.input(ZSignInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "sign", input })),
  escalate: stepper.input(ZEscalateInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "escalate", input })),
  review: roleProcedure(REVIEW_ROLES)
    .input(ZReviewInput)
    .mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "review", input })),
  callback: stepper.input(ZCallbackInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "callback", input })),
  close: stepper.input(ZCloseInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "close", input })),
  reopen: stepper.input(ZReopenInput).mutation(({ ctx, input }) => complaintStep(ctx.db, ctx.session.user, { step: "reopen", input })),

  /** A key customer's service record (重点客户服务记录): numbered, classified at once, the departments told. */
  createServiceRequest: roleProcedure(CLASSIFY_ROLES)
    .input(ZCreateServiceRequestInput)
    .mutation(({ ctx, input }) => createServiceRequest(ctx.db, ctx.session.user, input)),

  // the register and the policy (quality department; key customers with customer service)
  categories: reader.query(({ ctx }) => listCategories(ctx.db)),
  saveCategory: roleProcedure(POLICY_ROLES)
    .input(ZCategoryInput)
    .mutation(({ ctx, input }) => saveCategory(ctx.db, ctx.session.user, input)),
  keyCustomers: reader
    .input(z.object({ search: zLine(80).optional(), includeInactive: z.boolean().default(false) }))
    .query(({ ctx, input }) => listKeyCustomers(ctx.db, input)),
  saveKeyCustomer: roleProcedure(KEY_CUSTOMER_ROLES)
    .input(ZKeyCustomerInput)
    .mutation(({ ctx, input }) => saveKeyCustomer(ctx.db, ctx.session.user, input)),
  policy: reader.query(({ ctx }) => getPolicy(ctx.db)),
  setPolicy: roleProcedure(POLICY_ROLES)
    .input(ZPolicyInput)
    .mutation(({ ctx, input }) => setPolicy(ctx.db, ctx.session.user, input)),

  /** Forms escalated to the viewer's level (quality, the general manager), unreviewed first. */
  escalated: roleProcedure(REVIEW_ROLES).query(({ ctx }) => listEscalated(ctx.db, ctx.session.user)),
});
