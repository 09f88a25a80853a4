import "server-only";
import { roleProcedure, router } from "@/server/trpc";
import { listMyOpenWorkOrders } from "./service";
import { officeProcedures } from "./office-procedures";

export const workOrdersRouter = router({
  listMine: roleProcedure(["lineman"]).query(({ ctx }) =>
    listMyOpenWorkOrders({ db: ctx.db, userId: ctx.session.user.id }),
  ),
  // the office desk: desk, linemen, create, assign, cancel
  ...officeProcedures,
});
