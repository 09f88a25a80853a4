import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Outputs = inferRouterOutputs<AppRouter>["complaints"];
/** complaints.get: the form, its timeline, escalations, evidence, deadline and the steps the viewer may take. */
export type TComplaintDetail = Outputs["get"];
export type TKeyCustomerRow = Outputs["keyCustomers"][number];
export type TCategoryRow = Outputs["categories"][number];
export type TPolicy = Outputs["policy"];
