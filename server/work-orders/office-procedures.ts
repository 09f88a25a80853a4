import "server-only";
import type { TRole } from "@/domain/auth/roles";
import { ZAssignWorkOrderInput, ZCancelWorkOrderInput, ZCloseWorkOrderInput, ZCreateWorkOrderInput, ZDeskFilter } from "@/domain/work-orders/schemas";
import { roleProcedure } from "@/server/trpc";
import { assignWorkOrder, cancelWorkOrder, closeWorkOrder } from "./office-changes";
import { createWorkOrder } from "./office-create";
import { listDesk, listLinemen } from "./office-desk";

/** Customer service (客户服务部) and administrators create, assign and cancel work orders. */
export const DESK_WRITERS: readonly TRole[] = ["customer_service", "admin"];
/** Enterprise management (escalations) and operations follow the desk too. */
export const DESK_READERS: readonly TRole[] = [...DESK_WRITERS, "quality", "operations"];

const writer = roleProcedure(DESK_WRITERS);
const reader = roleProcedure(DESK_READERS);

/** The office desk's procedures, spread into workOrdersRouter (server/work-orders/router.ts). */
export const officeProcedures = {
  desk: reader.input(ZDeskFilter).query(({ ctx, input }) => listDesk({ db: ctx.db, filter: input })),
  linemen: reader.query(({ ctx }) => listLinemen({ db: ctx.db })),
  create: writer
    .input(ZCreateWorkOrderInput)
    .mutation(({ ctx, input }) => createWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  assign: writer
    .input(ZAssignWorkOrderInput)
    .mutation(({ ctx, input }) => assignWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  cancel: writer
    .input(ZCancelWorkOrderInput)
    .mutation(({ ctx, input }) => cancelWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  close: writer
    .input(ZCloseWorkOrderInput)
    .mutation(({ ctx, input }) => closeWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
};
