import "server-only";
import type { TRole } from "@/domain/auth/roles";
import { ZLicenseImportInput, ZLicenseLookupInput } from "@/domain/licenses/schemas";
import { rateLimit, roleProcedure, router } from "@/server/trpc";
import { importLicenses, lookupLicense, registryStatus } from "./service";

/** Who keeps the registry: admins import it. */
const KEEPERS: readonly TRole[] = ["admin"];
/** Who watches it: admins, and customer service, who answer customers about their equipment. */
const WATCHERS: readonly TRole[] = ["admin", "customer_service"];
/** Office roles that look a license up (linemen check against the copy on their phone). */
const OFFICE: readonly TRole[] = ["admin", "customer_service", "department_head", "operations", "quality"];

export const licensesRouter = router({
  import: roleProcedure(KEEPERS)
    .meta({ roles: KEEPERS, files: ["csv"] })
    .use(rateLimit("import"))
    .input(ZLicenseImportInput)
    .mutation(({ ctx, input }) => importLicenses({ db: ctx.db, actorId: ctx.session.user.id, input })),
  status: roleProcedure(WATCHERS).query(({ ctx }) => registryStatus({ db: ctx.db })),
  lookup: roleProcedure(OFFICE)
    .input(ZLicenseLookupInput)
    .query(({ ctx, input }) => lookupLicense({ db: ctx.db, input })),
});
