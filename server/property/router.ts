import "server-only";
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CASE_KINDS } from "@/domain/property/model";
import { ZCancelInput, ZCaseFilter, ZCaseStepInput, ZItemInput, ZLetterInput, ZPbxApplicationInput, ZScheduleInput } from "@/domain/property/schemas";
import { zLine } from "@/domain/text/rules";
import { roleProcedure, router } from "@/server/trpc";
import { CASE_LINK_ROLES, CASE_ORGANISER_ROLES, CASE_READER_ROLES, CUSTOMER_SERVICE_ROLES } from "./cases";
import { getCase, linkableCases, listCases, listPeople } from "./cases-read";
import { listItems, saveItem } from "./items";
import { recordPbx } from "./pbx";
import { cancelRound, scheduleRound } from "./rounds";
import { cancelCase, issueLetter, openService, reportRectified } from "./steps";

const readers = roleProcedure(CASE_READER_ROLES);
const organisers = roleProcedure(CASE_ORGANISER_ROLES);
const customerService = roleProcedure(CUSTOMER_SERVICE_ROLES);

/**
 * Customer property cases (ADR 0039): PBX applications and customer-built works, their inspection rounds,
 * rectification letters, and the item lists. Who may do what on a case is domain/property/model.ts caseStepDecision
 * (by role and department, inside); every step checks the version the person saw (conflict otherwise).
 */
export const propertyRouter = router({
  /** An item list (active and inactive), for its organisers and the case readers. */
  items: readers.input(z.object({ kind: z.enum(CASE_KINDS) })).query(({ ctx, input }) => listItems(ctx.db, ctx.session.user, input.kind)),
  /** The organisers of that kind add or edit an item (customer service: PBX; Technology Development: works). */
  saveItem: organisers.input(ZItemInput).mutation(({ ctx, input }) => saveItem(ctx.db, ctx.session.user, input)),
  /** Customer service records a PBX application; the certificate is checked against the license registry. */
  recordPbx: customerService.input(ZPbxApplicationInput).mutation(({ ctx, input }) => recordPbx(ctx.db, ctx.session.user, input)),
  list: readers.input(ZCaseFilter).query(({ ctx, input }) => listCases(ctx.db, ctx.session.user, input)),
  get: readers.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getCase(ctx.db, ctx.session.user, input.id)),
  /** Active people for the inspector picker. */
  people: organisers
    .input(z.object({ department: z.enum(DEPARTMENTS).nullable().optional() }))
    .query(({ ctx, input }) => listPeople(ctx.db, ctx.session.user, input)),
  schedule: organisers.input(ZScheduleInput).mutation(({ ctx, input }) => scheduleRound(ctx.db, ctx.session.user, input)),
  cancelRound: organisers.input(ZCaseStepInput).mutation(({ ctx, input }) => cancelRound(ctx.db, ctx.session.user, input)),
  issueLetter: organisers.input(ZLetterInput).mutation(({ ctx, input }) => issueLetter(ctx.db, ctx.session.user, input)),
  /** The customer reports rectification (customer service or the organisers record it). */
  reportRectified: organisers.input(ZCaseStepInput).mutation(({ ctx, input }) => reportRectified(ctx.db, ctx.session.user, input)),
  /** Customer service connects / opens the service after a pass, without a work order. */
  openService: customerService.input(ZCaseStepInput).mutation(({ ctx, input }) => openService(ctx.db, ctx.session.user, input)),
  cancel: organisers.input(ZCancelInput).mutation(({ ctx, input }) => cancelCase(ctx.db, ctx.session.user, input)),
  /** Open cases a work order may connect (the work-order desk's picker). */
  linkable: roleProcedure(CASE_LINK_ROLES)
    .input(z.object({ customerPhone: zLine(40).nullable().optional(), q: zLine(100).nullable().optional() }))
    .query(({ ctx, input }) => linkableCases(ctx.db, input)),
});
