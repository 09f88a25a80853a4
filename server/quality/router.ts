import "server-only";
import { router } from "@/server/trpc";

/** quality procedures (ADR 0038). */
export const qualityRouter = router({});
