import { clientSyncDomain, type Cached } from "@/client/sync/contract";
import type { CacheReader } from "@/client/sync/idb-store";

/** A row of the license registry, kept on the phone for offline checks. */
export type CachedLicense = Cached<"licenses">;
/** A registry import: the latest one's time is the registry version on the phone. */
export type CachedLicenseImport = Cached<"licenseImports">;

/** The license registry on the lineman's phone (feeds of server/licenses/sync.ts). */
export const licenseStores = clientSyncDomain<{ licenses: CachedLicense; licenseImports: CachedLicenseImport }>({
  name: "licenses",
  stores: {
    licenses: { keyPath: "licenseNo", indexes: { byMark: { keyPath: "markCode" } }, since: 3 },
    licenseImports: { keyPath: "id", since: 3 },
  },
});

/** The registry version on this phone: the time of the latest import it has pulled, or null. */
export async function registryVersion(store: CacheReader): Promise<string | null> {
  let latest: string | null = null;
  for (const i of await store.getAll("licenseImports")) if (latest === null || i.importedAt > latest) latest = i.importedAt;
  return latest;
}
