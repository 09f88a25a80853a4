import { clientSyncDomain, type Cached } from "@/client/sync/contract";

/** One complaint or inquiry the user recorded (feed `myComplaints`): its number, state, deadline and result. */
export type CachedComplaint = Cached<"myComplaints">;

/** The user's own recorded complaints on the phone (feed of server/complaints/sync.ts; who recorded never changes). */
export const complaintStores = clientSyncDomain<{ myComplaints: CachedComplaint }>({
  name: "complaints",
  stores: { myComplaints: { keyPath: "id", since: 6 } },
});
