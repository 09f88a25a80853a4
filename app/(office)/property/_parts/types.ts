import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type Out = inferRouterOutputs<AppRouter>;
/** property.list: a register row. */
export type TCaseRow = Out["property"]["list"]["rows"][number];
/** property.get: the case with its documents, rounds, letters and the viewer's steps. */
export type TCaseDetail = Out["property"]["get"];
export type TCaseRound = TCaseDetail["rounds"][number];
export type TCaseDocument = TCaseDetail["documents"][number];
export type TCaseLetter = TCaseDetail["letters"][number];
/** property.items: an item of a list. */
export type TItem = Out["property"]["items"][number];
/** maintenance.list / get */
export type TMaintenanceRow = Out["maintenance"]["list"]["rows"][number];
export type TMaintenanceDetail = Out["maintenance"]["get"];
