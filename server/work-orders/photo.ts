import "server-only";
import { auditEvents, workOrderPhotos } from "@/db/schema";
import { ZAddWorkOrderPhotoArgs } from "@/domain/work-orders/mutations";
import { fieldWorkDecision } from "@/domain/work-orders/preconditions";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder } from "./access";
import { parseImageArgs } from "./images";

/** `workOrder.addPhoto`: a photo attached by the assigned lineman while working the order (stored once by content). */
export async function applyAddPhoto({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseImageArgs(ZAddWorkOrderPhotoArgs, mutation.args);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);
  const field = fieldWorkDecision(workOrder.status);
  if (field.kind === "reject") throw new Rejection(field.code, field.details);
  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      const sha256 = await storeEvidence(tx, { photo: a.photo, userId: user.id });
      append.add(workOrderPhotos, { workOrderId: workOrder.id, sha256, caption: a.caption, actorId: user.id, mutationId: mutation.mutationId, serverTime: at });
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "work_order",
          subjectId: workOrder.id,
          at,
          event: {
            name: "workOrder.photoAdded",
            payload: { code: workOrder.code, sha256, caption: a.caption, mutationId: mutation.mutationId, deviceId: mutation.deviceId },
          },
        }),
      );
    },
  };
}
