import "server-only";
import { DESK_READER_ROLES, DESK_WRITER_ROLES } from "@/domain/work-orders/desk";
import {
  ZAssignWorkOrderInput,
  ZCancelWorkOrderInput,
  ZCloseWorkOrderInput,
  ZCreateWorkOrderInput,
  ZDeskFilter,
  ZWorkOrderIdInput,
} from "@/domain/work-orders/schemas";
import { roleProcedure } from "@/server/trpc";
import { assignWorkOrder, cancelWorkOrder, closeWorkOrder } from "./office-changes";
import { createWorkOrder } from "./office-create";
import { listDesk, listLinemen } from "./office-desk";
import { getOfficeTrail } from "./office-trail";

const writer = roleProcedure(DESK_WRITER_ROLES);
const reader = roleProcedure(DESK_READER_ROLES);

/** The office desk's procedures, spread into workOrdersRouter (server/work-orders/router.ts). */
export const officeProcedures = {
  desk: reader.input(ZDeskFilter).query(({ ctx, input }) => listDesk({ db: ctx.db, filter: input })),
  linemen: reader.query(({ ctx }) => listLinemen({ db: ctx.db })),
  /** The office's supplement to workOrders.get: creator, status reason, assignment history. */
  officeTrail: reader.input(ZWorkOrderIdInput).query(({ ctx, input }) => getOfficeTrail({ db: ctx.db, workOrderId: input.workOrderId })),
  create: writer.input(ZCreateWorkOrderInput).mutation(({ ctx, input }) => createWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  assign: writer.input(ZAssignWorkOrderInput).mutation(({ ctx, input }) => assignWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  cancel: writer.input(ZCancelWorkOrderInput).mutation(({ ctx, input }) => cancelWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
  close: writer.input(ZCloseWorkOrderInput).mutation(({ ctx, input }) => closeWorkOrder({ db: ctx.db, actorId: ctx.session.user.id, input })),
};
