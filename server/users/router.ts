import "server-only";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { ZCreateUserInput, ZResetPasswordInput, ZSetUserActiveInput, ZUpdateUserInput } from "@/domain/auth/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { ZSetUserSitesInput } from "@/domain/auth/user-sites";
import { listSites, setUserSites, sitesByUser } from "./sites";
import { createUser, listDepartments, listUsers, resetPassword, setUserActive, updateUser } from "./service";

const admin = roleProcedure(ROLE_GROUPS.admins);

export const usersRouter = router({
  list: admin.query(({ ctx }) => listUsers({ db: ctx.db })),
  departments: admin.query(({ ctx }) => listDepartments({ db: ctx.db })),
  create: admin.input(ZCreateUserInput).mutation(({ ctx, input }) => createUser({ db: ctx.db, actorId: ctx.session.user.id, input })),
  update: admin.input(ZUpdateUserInput).mutation(({ ctx, input }) => updateUser({ db: ctx.db, actorId: ctx.session.user.id, input })),
  resetPassword: admin.input(ZResetPasswordInput).mutation(({ ctx, input }) => resetPassword({ db: ctx.db, actorId: ctx.session.user.id, input })),
  sites: admin.query(({ ctx }) => listSites({ db: ctx.db })),
  sitesByUser: admin.query(({ ctx }) => sitesByUser({ db: ctx.db })),
  setSites: admin.input(ZSetUserSitesInput).mutation(({ ctx, input }) => setUserSites({ db: ctx.db, actorId: ctx.session.user.id, input })),
  setActive: admin.input(ZSetUserActiveInput).mutation(({ ctx, input }) => setUserActive({ db: ctx.db, actorId: ctx.session.user.id, input })),
});
