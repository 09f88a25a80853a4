import "server-only";
import { reportsRouter } from "./analysis/reports-router";
import { satisfactionRouter } from "./analysis/satisfaction-router";
import { surveyRouter } from "./analysis/survey-router";
import { targetsRouter } from "./analysis/targets-router";
import { analysisRouter } from "./analysis/tools-router";
import { auditRouter } from "./audit/router";
import { authRouter } from "./auth/router";
import { complaintsRouter } from "./complaints/router";
import { instrumentsRouter } from "./instruments/router";
import { itemsRouter } from "./items/router";
import { jobsRouter } from "./jobs/router";
import { licensesRouter } from "./licenses/router";
import { maintenanceRouter } from "./property/maintenance-router";
import { propertyRouter } from "./property/router";
import { worksRouter } from "./property/works-router";
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
  property: propertyRouter,
  works: worksRouter,
  maintenance: maintenanceRouter,
  satisfaction: satisfactionRouter,
  survey: surveyRouter,
  targets: targetsRouter,
  analysis: analysisRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
