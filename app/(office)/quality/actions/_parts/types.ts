import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Actions = inferRouterOutputs<AppRouter>["actions"];
/** actions.get: the record with its nonconformity, its signed steps and what the viewer may do now. */
export type TActionDetail = Actions["get"];
export type TActionStep = TActionDetail["steps"][number];
