import "server-only";
import { ZDocumentInput, ZWorksInput } from "@/domain/property/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { CASE_ORGANISER_ROLES, CUSTOMER_SERVICE_ROLES } from "./cases";
import { addDocument } from "./documents";
import { recordWorks } from "./works";

/** Customer-built works: the project with its agreement, and the documents of any case (ADR 0039). */
export const worksRouter = router({
  /** Customer service (its clerks and head, domain isCustomerService inside) records the works and its agreement. */
  record: roleProcedure(CUSTOMER_SERVICE_ROLES)
    .input(ZWorksInput)
    .mutation(({ ctx, input }) => recordWorks(ctx.db, ctx.session.user, input)),
  /** Customer service or the case's organisers (Technology Development's people but linemen, for works), inside. */
  addDocument: roleProcedure(CASE_ORGANISER_ROLES)
    .meta({ roles: CASE_ORGANISER_ROLES, files: ["base64"] })
    .input(ZDocumentInput)
    .mutation(({ ctx, input }) => addDocument(ctx.db, ctx.session.user, input)),
});
