import "server-only";
import { router } from "@/server/trpc";

/** actions procedures (ADR 0038). */
export const actionsRouter = router({});
