import "server-only";
import { DESK_READER_ROLES } from "@/domain/work-orders/desk";
import { ZWorkOrderIdInput } from "@/domain/work-orders/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { getWorkOrderDetail } from "./detail";
import { listMyOpenWorkOrders } from "./service";
import { officeProcedures } from "./office-procedures";

export const workOrdersRouter = router({
  listMine: roleProcedure(["lineman"]).query(({ ctx }) => listMyOpenWorkOrders({ db: ctx.db, userId: ctx.session.user.id })),
  /** One work order in full: its lineman (own orders only) or the office desk's readers. */
  get: roleProcedure(["lineman", ...DESK_READER_ROLES])
    .input(ZWorkOrderIdInput)
    .query(({ ctx, input }) => getWorkOrderDetail({ db: ctx.db, user: ctx.session.user, workOrderId: input.workOrderId })),
  // the office desk: desk, linemen, create, assign, cancel
  ...officeProcedures,
});
