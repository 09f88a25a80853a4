import "server-only";
import { asc } from "drizzle-orm";
import { licenseImports, licenseRegistry } from "@/db/schema";
import { feed, syncDomain } from "@/server/sync/contract";
import { entryColumns } from "./service";

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
          .select({ ...entryColumns, txid: licenseRegistry.txid })
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
