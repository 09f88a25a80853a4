import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Quality = inferRouterOutputs<AppRouter>["quality"];
/** quality.nonconformities: one row of the list. */
export type TNcRow = Quality["nonconformities"]["rows"][number];
/** quality.nonconformity: one, with its photo, who raised it and its record's summary. */
export type TNcDetail = Quality["nonconformity"];
