import { clientSyncDomain, type Cached, type TFeedKey } from "@/client/sync/contract";
import type { FIRST_ASKER_KINDS, TComplaintChannel, TComplaintStatus } from "@/domain/complaints/model";

/**
 * The shape of feed `myComplaints` (server/complaints/sync.ts) as the phone keeps it, used only while that feed is
 * not yet in the server's router: once it is, the row type is the server's own (`Cached<"myComplaints">`).
 */
interface MyComplaintShape {
  id: string;
  code: string;
  kind: (typeof FIRST_ASKER_KINDS)[number] | "service_request";
  channel: TComplaintChannel;
  customerName: string;
  contact: string;
  status: TComplaintStatus;
  receivedAt: string;
  dueAt: string;
  repliedAt: string | null;
  result: string;
  workOrderId: string | null;
}
type FeedRow<K extends string, Fallback> = K extends TFeedKey ? Cached<K> : Fallback;

/** One complaint or inquiry the user recorded (feed `myComplaints`): its number, state, deadline and result. */
export type CachedComplaint = FeedRow<"myComplaints", MyComplaintShape>;

/** The user's own recorded complaints on the phone (feed of server/complaints/sync.ts). */
export const complaintStores = clientSyncDomain<{ myComplaints: CachedComplaint }>({
  name: "complaints",
  stores: { myComplaints: { keyPath: "id", since: 6 } } as Record<string, { keyPath: string; since: number }>,
});
