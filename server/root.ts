import "server-only";
import { auditRouter } from "./audit/router";
import { authRouter } from "./auth/router";
import { complaintsRouter } from "./complaints/router";
import { instrumentsRouter } from "./instruments/router";
import { itemsRouter } from "./items/router";
import { jobsRouter } from "./jobs/router";
import { licensesRouter } from "./licenses/router";
import { actionsRouter } from "./quality/actions-router";
import { billingRouter } from "./quality/billing-router";
import { qualityRouter } from "./quality/router";
import { syncRouter } from "./sync/router";
import { createCallerFactory, router } from "./trpc";
import { usersRouter } from "./users/router";
import { warehouseRouter } from "./warehouse/router";
import { workOrdersRouter } from "./work-orders/router";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  workOrders: workOrdersRouter,
  items: itemsRouter,
  instruments: instrumentsRouter,
  sync: syncRouter,
  licenses: licensesRouter,
  audit: auditRouter,
  jobs: jobsRouter,
  complaints: complaintsRouter,
  warehouse: warehouseRouter,
  quality: qualityRouter,
  actions: actionsRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
