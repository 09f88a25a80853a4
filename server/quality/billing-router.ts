import "server-only";
import { router } from "@/server/trpc";

/** billing procedures (ADR 0038). */
export const billingRouter = router({});
