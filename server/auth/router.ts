import "server-only";
import { ZLoginInput } from "@/domain/auth/schemas";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { z } from "zod";
import { ZEnterCustomerModeInput, ZLeaveCustomerModeInput } from "@/domain/work-orders/customer-mode";
import { publicProcedure, roleProcedure, router } from "@/server/trpc";
import { enterCustomerMode, leaveCustomerMode } from "@/server/work-orders/customer-mode";
import { logIn, logOut } from "./service";
import { clearedSessionCookie, sessionCookie } from "./session";

export const authRouter = router({
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, user } = await logIn({
      db: ctx.db,
      input,
      ip: ctx.req.ip,
      userAgent: ctx.req.userAgent,
    });
    ctx.resHeaders.append("Set-Cookie", sessionCookie(token, expiresAt, ctx.req.secure));
    return { user };
  }),

  me: roleProcedure(ROLE_GROUPS.everyone).query(({ ctx }) => ({
    user: ctx.session.user,
    expiresAt: ctx.session.expiresAt,
    /** The work order the phone was handed over for (customer mode), or null. */
    customerWorkOrderId: ctx.session.customerWorkOrderId,
  })),

  /** Customer mode (domain/work-orders/customer-mode.ts): hand the phone to the customer of one work order. */
  enterCustomerMode: roleProcedure(["lineman"])
    .input(ZEnterCustomerModeInput)
    .mutation(({ ctx, input }) => enterCustomerMode({ db: ctx.db, session: ctx.session, workOrderId: input.workOrderId })),

  /** Take the phone back: the lineman's password. */
  leaveCustomerMode: roleProcedure(["lineman"])
    .input(ZLeaveCustomerModeInput)
    .mutation(({ ctx, input }) => leaveCustomerMode({ db: ctx.db, session: ctx.session, password: input.password, ip: ctx.req.ip })),

  logout: roleProcedure(ROLE_GROUPS.everyone)
    .input(z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false }))
    .mutation(async ({ ctx, input }) => {
      await logOut({
        db: ctx.db,
        sessionId: ctx.session.sessionId,
        userId: ctx.session.user.id,
        everywhere: input.everywhere,
      });
      ctx.resHeaders.append("Set-Cookie", clearedSessionCookie(ctx.req.secure));
      return { ok: true as const };
    }),
});
