import "server-only";
import type { Db } from "@/db/client";
import type { TCaseKind } from "@/domain/property/model";
import { raiseNotice } from "@/server/notices/service";

/** The phone's screen of a round (the inspectors' list, opened at this round). */
export const roundHref = (roundId: string) => `/property/rounds#${roundId}`;

/** A kind as a notice shows a stored value: in both languages. */
const KIND_LABEL: Record<TCaseKind, string> = { pbx: "用户交换机 PBX", works: "客户自建通信工程 customer-built works" };

/** A round was scheduled: each named inspector is told (one notice each per round). */
export async function noticeRoundAssigned(
  tx: Db,
  r: {
    roundId: string;
    roundNo: number;
    code: string;
    kind: TCaseKind;
    customerName: string;
    customerAddress: string;
    scheduledFor: string;
    inspectorIds: readonly string[];
  },
): Promise<number> {
  return raiseNotice(tx, {
    to: { userIds: r.inspectorIds },
    kind: "property.roundAssigned",
    params: { code: r.code, round: r.roundNo, customer: r.customerName, kind: KIND_LABEL[r.kind], date: r.scheduledFor, address: r.customerAddress },
    href: roundHref(r.roundId),
    key: `property.roundAssigned:${r.roundId}`,
  });
}
