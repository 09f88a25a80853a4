import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { spotChecks } from "@/db/schema";
import { mayWalkCheck } from "@/domain/quality/model";
import { QUALITY_MUTATION_VERSIONS as V } from "@/domain/quality/schemas";
import { feed, syncDomain } from "@/server/sync/contract";
import { applySubmitCheck } from "./checks-submit";

/**
 * Quality on the checker's phone (ADR 0038): the label walks planned for this checker (zone and department checks;
 * work-order checks are marked at the office), and the walk's submission (`spotCheck.submit`).
 */
export const qualitySync = syncDomain({
  name: "quality",
  mutations: {
    "spotCheck.submit": { versions: V["spotCheck.submit"], handler: applySubmitCheck },
  },
  feeds: {
    /** A check's assignee never changes: a planned check stays on its checker's phone (submitted, it says so). */
    spotChecks: feed({
      scope: { phones: (user) => mayWalkCheck(user.role), rows: "own", leaves: "never" },
      txid: spotChecks.txid,
      rows: (tx, user, where, limit) =>
        tx
          .select({
            id: spotChecks.id,
            code: spotChecks.code,
            target: spotChecks.target,
            zoneCode: spotChecks.zoneCode,
            department: spotChecks.department,
            plannedFor: spotChecks.plannedFor,
            note: spotChecks.note,
            status: spotChecks.status,
            version: spotChecks.version,
            txid: spotChecks.txid,
          })
          .from(spotChecks)
          .where(and(eq(spotChecks.assigneeId, user.id), eq(spotChecks.planned, true), inArray(spotChecks.target, ["zone", "department"]), where))
          .orderBy(asc(spotChecks.txid), asc(spotChecks.id))
          .limit(limit),
    }),
  },
});
