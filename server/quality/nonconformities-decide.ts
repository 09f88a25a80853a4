import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { nonconformities } from "@/db/schema";
import type { TDecideNcInput, TRaiseNcInput } from "@/domain/quality/schemas";
import { operatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { openCorrectiveAction } from "./actions";
import { raiseNonconformity } from "./nonconformities";

/** Quality raises a nonconformity by hand (a complaint's improvement, an instrument without a permit, …). */
export async function raiseByHand(db: Db, user: SessionUser, input: TRaiseNcInput) {
  return db.transaction((tx) =>
    raiseNonconformity(tx, {
      source: input.source,
      sourceRef: input.sourceRef,
      finding: input.finding,
      labelKind: input.labelKind,
      department: input.department,
      description: input.description,
      raisedBy: user.id,
      at: clockNow(),
    }),
  );
}

/**
 * Quality decides on an open nonconformity: send the Corrective/Preventive Action Record to its department (status
 * `action`), or close it without one, with the reason. Compare-and-set on the version (`conflict` when stale).
 */
export async function decideNonconformity(db: Db, user: SessionUser, input: TDecideNcInput) {
  return db.transaction(async (tx) => {
    const now = clockNow();
    const [nc] = await tx
      .select({
        id: nonconformities.id,
        code: nonconformities.code,
        department: nonconformities.department,
        status: nonconformities.status,
        version: nonconformities.version,
      })
      .from(nonconformities)
      .where(eq(nonconformities.id, input.ncId))
      .for("update");
    if (!nc) throw new AppError("not_found");
    if (nc.version !== input.version) throw new AppError("conflict", { status: nc.status, version: nc.version });
    if (nc.status !== "open") throw new AppError("invalid_transition", { status: nc.status });
    // like a new round's date (actions-steps.ts): a record sent already overdue would escalate the same night
    if (input.decision === "send" && input.requiredBy < operatorDay(now))
      throw fieldError("requiredBy", "quality.validation.dueOnPast", "required-by before today");
    const version = nc.version + 1;
    if (input.decision === "close") {
      await tx.update(nonconformities).set({ status: "closed", closedReason: input.reason, closedAt: now, version }).where(eq(nonconformities.id, nc.id));
      await appendAuditEvent(tx, {
        actorId: user.id,
        subjectType: "nonconformity",
        subjectId: nc.id,
        at: now,
        event: { name: "nonconformity.closed", payload: { code: nc.code, reason: input.reason } },
      });
      return { id: nc.id, status: "closed" as const, version, action: null };
    }
    const action = await openCorrectiveAction(tx, {
      nc: { id: nc.id, code: nc.code, department: nc.department },
      description: input.description,
      requiredBy: input.requiredBy,
      sentBy: { id: user.id, displayName: user.displayName },
      at: now,
    });
    await tx.update(nonconformities).set({ status: "action", actionId: action.id, version }).where(eq(nonconformities.id, nc.id));
    return { id: nc.id, status: "action" as const, version, action };
  });
}
