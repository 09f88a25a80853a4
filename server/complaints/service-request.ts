import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintEvents, complaints, keyCustomers } from "@/db/schema";
import { phoneDigits } from "@/domain/complaints/codes";
import { deadlineFrom } from "@/domain/complaints/deadlines";
import type { TCreateServiceRequestInput } from "@/domain/complaints/schemas";
import { clerkCheckDecision } from "@/domain/work-orders/service-record";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { noticeServiceRequest } from "./notify";
import { nextComplaintCode } from "./numbering";
import { currentPolicy } from "./policy";

/**
 * A key customer's service record (重点客户服务记录), filled by customer service: numbered like every form, classified
 * at once to the first department concerned, due by the key tier's limit of its service type in the policy in force;
 * every department concerned is told in writing (a notice, and the printable record).
 */
export async function createServiceRequest(
  db: Db,
  user: SessionUser,
  input: TCreateServiceRequestInput,
  now = new Date(),
): Promise<{ id: string; code: string; version: number; status: "classified" }> {
  // the counter clerk's self-check (营业员自检): one tap on the form; who and when come from the session
  const clerk = clerkCheckDecision(input.clerkCheck);
  if (clerk.kind === "reject") throw new AppError("rule_violation", { rule: clerk.code, field: "clerkCheck" });
  return db.transaction(async (tx) => {
    const [kc] = await tx
      .select({ id: keyCustomers.id, name: keyCustomers.name, active: keyCustomers.active })
      .from(keyCustomers)
      .where(eq(keyCustomers.id, input.keyCustomerId))
      .for("share");
    if (!kc || !kc.active) throw new AppError("not_found", { field: "keyCustomerId" });
    const departments = [...new Set(input.departments)];
    const policy = await currentPolicy(tx);
    const dueAt = deadlineFrom(now, policy.limits.key[input.serviceType]);
    const id = randomUUID();
    const code = await nextComplaintCode(tx, now);
    await tx.insert(complaints).values({
      id,
      code,
      kind: "service_request",
      serviceType: input.serviceType,
      channel: input.channel,
      customerName: kc.name,
      contact: input.contact,
      contactDigits: phoneDigits(input.contact),
      address: input.address,
      words: input.words,
      keyCustomerId: kc.id,
      department: departments[0]!,
      departmentsConcerned: departments,
      status: "classified",
      receivedAt: now,
      dueAt,
      policyVersion: policy.version,
      recordedBy: user.id,
      clerkCheckedBy: user.id,
      clerkCheckedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(complaintEvents).values({
      complaintId: id,
      action: "recorded",
      fromStatus: null,
      toStatus: "classified",
      data: { serviceType: input.serviceType, departments },
      actorId: user.id,
      at: now,
      versionAfter: 1,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "complaint",
      subjectId: id,
      at: now,
      event: {
        name: "complaint.step",
        payload: {
          code,
          action: "recorded",
          from: null,
          to: "classified",
          versionAfter: 1,
          set: {
            kind: "service_request",
            serviceType: input.serviceType,
            keyCustomerId: kc.id,
            department: departments[0]!,
            departmentsConcerned: departments,
            dueAt: dueAt.toISOString(),
            policyVersion: policy.version,
          },
          mutationId: null,
          deviceId: null,
        },
      },
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "complaint",
      subjectId: id,
      at: now,
      event: { name: "clerk.checked", payload: { record: "complaint", code } },
    });
    await noticeServiceRequest(tx, { id, code, customerName: kc.name, dueAt, departments, service: input.serviceType });
    return { id, code, version: 1, status: "classified" as const };
  });
}
