import "server-only";
import { z } from "zod";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { roleProcedure, router } from "@/server/trpc";
import { jobsOverview, retryFailedJob } from "./admin";

const admin = roleProcedure(ROLE_GROUPS.admins);

/** The admin screen of the job runner (app/(office)/admin/jobs): queues, failures, the next runs, retry. */
export const jobsRouter = router({
  overview: admin.query(({ ctx }) => jobsOverview(ctx.db)),
  retry: admin.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => retryFailedJob({ db: ctx.db, actorId: ctx.session.user.id, id: input.id })),
});
