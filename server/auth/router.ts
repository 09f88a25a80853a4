import "server-only";
import { ZLoginInput } from "@/domain/auth/schemas";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { z } from "zod";
import { publicProcedure, roleProcedure, router } from "@/server/trpc";
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
  })),

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
