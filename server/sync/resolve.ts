import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { auditEvents, devices, mutationResults } from "@/db/schema";
import { ZResolveRejectionArgs } from "@/domain/sync/protocol";
import { auditRow } from "@/server/audit/service";
import type { Decision, MutationContext } from "./contract";
import { badInput, Rejection } from "./rejection";

/**
 * `rejection.resolve`: the user dealt with a rejected change of one of their own devices (dismissed it, or
 * re-issued it as a new mutation), or with an applied change the server flagged (e.g. recheck_changed).
 * Recorded and audited; resolving twice is already_in_state.
 */
export async function applyResolveRejection({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZResolveRejectionArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const { mutationId, resolution } = parsed.data;
  const [target] = await tx
    .select({ status: mutationResults.status, reasonCode: mutationResults.reasonCode, resolvedAt: mutationResults.resolvedAt, owner: devices.userId })
    .from(mutationResults)
    .innerJoin(devices, eq(devices.deviceId, mutationResults.deviceId))
    .where(eq(mutationResults.mutationId, mutationId))
    .for("update", { of: mutationResults });
  const needsAttention = target && (target.status === "rejected" || (target.status === "applied" && target.reasonCode !== null));
  if (!target || !needsAttention) throw new Rejection("not_found", { mutationId });
  if (target.owner !== user.id) throw new Rejection("not_allowed", { mutationId });
  if (target.resolvedAt) return { status: "already_in_state" };
  return { status: "applied", write: () => writeResolution(tx, append, user.id, mutationId, resolution) };
}

async function writeResolution(
  tx: MutationContext["tx"],
  append: MutationContext["append"],
  actorId: string,
  mutationId: string,
  resolution: "dismissed" | "reissued",
) {
  await tx
    .update(mutationResults)
    .set({ resolvedAt: new Date(), resolution })
    .where(and(eq(mutationResults.mutationId, mutationId), isNull(mutationResults.resolvedAt)));
  append.add(
    auditEvents,
    auditRow({
      actorId,
      subjectType: "mutation",
      subjectId: mutationId,
      event: { name: "sync.rejectionResolved", payload: { mutationId, resolution } },
    }),
  );
}
