import "server-only";
import { roleProcedure, router } from "@/server/trpc";
import { listItemsByStatus, listZonesWithCounts } from "./service";

export const itemsRouter = router({
  zones: roleProcedure(["warehouse_keeper", "quality", "operations", "admin"]).query(({ ctx }) => listZonesWithCounts({ db: ctx.db })),
  underMaintenance: roleProcedure(["operations", "quality", "admin"]).query(({ ctx }) => listItemsByStatus({ db: ctx.db, status: "under_maintenance" })),
});
