import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

export type TCheckDetail = inferRouterOutputs<AppRouter>["quality"]["check"];
export type TCheckOrder = TCheckDetail["orders"][number];
