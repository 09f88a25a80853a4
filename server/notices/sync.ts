import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { notices } from "@/db/schema";
import { NOTICE_MUTATION_VERSIONS as V, ZMarkNoticesReadArgs } from "@/domain/notices/notices";
import { feed, syncDomain, type Decision, type MutationContext } from "@/server/sync/contract";
import { badInput } from "@/server/sync/rejection";
import { markNoticesRead } from "./service";

/** `notice.markRead`: the user read notices on their phone, maybe offline. Reading twice is already_in_state. */
async function applyMarkRead({ tx, user, mutation }: MutationContext): Promise<Decision> {
  const args = ZMarkNoticesReadArgs.safeParse(mutation.args);
  if (!args.success) throw badInput(args.error.issues);
  const at = new Date(mutation.clientTime);
  // the phone's time of reading, unless it is in the future (a wrong clock)
  const readAt = Number.isNaN(at.getTime()) || at.getTime() > Date.now() ? new Date() : at;
  const unread = await tx
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.userId, user.id), inArray(notices.id, args.data.noticeIds), isNull(notices.readAt)));
  if (unread.length === 0) return { status: "already_in_state" };
  return {
    status: "applied",
    write: async () => {
      await markNoticesRead(tx, user.id, args.data.noticeIds, readAt);
    },
  };
}

/** The user's notice inbox on every phone they sign in on (field and office alike). */
export const noticesSync = syncDomain({
  name: "notices",
  mutations: {
    "notice.markRead": { versions: V["notice.markRead"], handler: applyMarkRead },
  },
  feeds: {
    /** A notice's recipient never changes: a notice never leaves its recipient's phone. */
    notices: feed({
      scope: { phones: () => true, rows: "own", leaves: "never" },
      txid: notices.txid,
      // its index leads with the recipient (user_id, txid): asking table-wide would scan every notice
      probe: false,
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: notices.id,
            kind: notices.kind,
            params: notices.params,
            href: notices.href,
            createdAt: notices.createdAt,
            readAt: notices.readAt,
            txid: notices.txid,
          })
          .from(notices)
          .where(and(eq(notices.userId, user.id), where))
          .orderBy(asc(notices.txid), asc(notices.id))
          .limit(limit),
    }),
  },
});
