import "server-only";
import { rateLimit, roleProcedure, router } from "@/server/trpc";
import { verifyAll } from "./verify";

/** Who may run the tamper check: administrators, and quality (enterprise management), who audit the records. */
export const AUDIT_VERIFY_ROLES = ["admin", "quality"] as const;

export const auditRouter = router({
  // why a mutation, though it changes nothing: it reads the whole log and every evidence file; a mutation needs
  // the CSRF header, so no cross-site link or image can make the server run it.
  verify: roleProcedure(AUDIT_VERIFY_ROLES)
    .use(rateLimit("audit_verify"))
    .mutation(({ ctx }) => verifyAll(ctx.db)),
});
