import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Outputs = inferRouterOutputs<AppRouter>;
/** workOrders.get: the order with its checks, sign-offs, status events and photos. */
export type TWorkOrderDetail = Outputs["workOrders"]["get"];
/** workOrders.officeTrail: creator, status reason, assignment history. */
export type TOfficeTrail = Outputs["workOrders"]["officeTrail"];
