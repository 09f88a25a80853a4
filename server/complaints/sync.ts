import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { complaints } from "@/db/schema";
import { COMPLAINT_MUTATION_VERSIONS as V } from "@/domain/complaints/schemas";
import { feed, syncDomain } from "@/server/sync/contract";
import { applyRecordComplaint } from "./record";

/** Complaints on every phone: anyone records one (first-asker), offline, and follows the ones they recorded. */
export const complaintsSync = syncDomain({
  name: "complaints",
  mutations: {
    "complaint.record": { versions: V["complaint.record"], handler: applyRecordComplaint },
  },
  feeds: {
    /** The forms this user recorded, every state (their number once synced, the answer, closure). Who recorded never changes. */
    myComplaints: feed({
      scope: { phones: () => true, rows: "own", leaves: "never" },
      txid: complaints.txid,
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: complaints.id,
            code: complaints.code,
            kind: complaints.kind,
            channel: complaints.channel,
            customerName: complaints.customerName,
            contact: complaints.contact,
            status: complaints.status,
            receivedAt: complaints.receivedAt,
            dueAt: complaints.dueAt,
            repliedAt: complaints.repliedAt,
            result: complaints.result,
            workOrderId: complaints.workOrderId,
            txid: complaints.txid,
          })
          .from(complaints)
          .where(and(eq(complaints.recordedBy, user.id), where))
          .orderBy(asc(complaints.txid), asc(complaints.id))
          .limit(limit),
    }),
  },
});
