import "server-only";
import { asc } from "drizzle-orm";
import { licenseImports, licenseRegistry } from "@/db/schema";
import { feed, syncDomain } from "@/server/sync/contract";

const linemen = (user: { role: string }) => user.role === "lineman";

/** The license registry on the lineman's phone, for equipment checks with no signal. No offline mutations. */
export const licensesSync = syncDomain({
  name: "licenses",
  mutations: {},
  feeds: {
    /** The license registry, whole (linemen check customer equipment against it). */
    licenses: feed({
      scope: { phones: linemen, rows: "all" },
      txid: licenseRegistry.txid,
      rows: (tx, _user, where, limit) =>
        tx
          .select({
            licenseNo: licenseRegistry.licenseNo,
            markCode: licenseRegistry.markCode,
            applicant: licenseRegistry.applicant,
            equipmentName: licenseRegistry.equipmentName,
            model: licenseRegistry.model,
            issueDate: licenseRegistry.issueDate,
            expiryDate: licenseRegistry.expiryDate,
            updatedAt: licenseRegistry.updatedAt,
            txid: licenseRegistry.txid,
          })
          .from(licenseRegistry)
          .where(where)
          .orderBy(asc(licenseRegistry.txid), asc(licenseRegistry.licenseNo))
          .limit(limit),
    }),
    /** Registry imports: the latest one's time is the registry version the phone checks against. */
    licenseImports: feed({
      scope: { phones: linemen, rows: "all" },
      txid: licenseImports.txid,
      rows: (tx, _user, where, limit) =>
        tx
          .select({ id: licenseImports.id, importedAt: licenseImports.importedAt, txid: licenseImports.txid })
          .from(licenseImports)
          .where(where)
          .orderBy(asc(licenseImports.txid), asc(licenseImports.id))
          .limit(limit),
    }),
  },
});
