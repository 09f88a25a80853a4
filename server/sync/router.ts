import "server-only";
import { z } from "zod";
import { ROLE_GROUPS } from "@/domain/auth/roles";
import { ZPullInput, ZPushInput, ZRegisterDeviceInput } from "@/domain/sync/protocol";
import { measurePull, measurePush } from "@/server/observability/metrics";
import { roleProcedure, router } from "@/server/trpc";
import { listDevices, registerDevice, revokeDevice } from "./devices";
import { pullChanges } from "./pull";
import { failureByReference, ZFailureReference } from "./poison";
import { pushMutations } from "./push";

const anyone = roleProcedure(ROLE_GROUPS.everyone);
const admin = roleProcedure(ROLE_GROUPS.admins);

export const syncRouter = router({
  registerDevice: anyone
    .input(ZRegisterDeviceInput)
    .mutation(({ ctx, input }) => registerDevice({ db: ctx.db, user: ctx.session.user, deviceId: input.deviceId, label: input.label })),
  push: anyone.input(ZPushInput).mutation(({ ctx, input }) =>
    // timed and counted here (server/observability/metrics.ts): tracemark_sync_push_seconds, outcomes, rejections
    measurePush(() => pushMutations({ db: ctx.db, user: ctx.session.user, input, customerWorkOrderId: ctx.session.customerWorkOrderId })),
  ),
  // A mutation (POST) although it reads: the cursor request must not be cached or prefetched.
  pull: anyone.input(ZPullInput).mutation(({ ctx, input }) =>
    // tracemark_sync_pull_seconds, and the outbox size the phone reports (per-device queue depth)
    measurePull(input, () => pullChanges({ db: ctx.db, user: ctx.session.user, input, customerWorkOrderId: ctx.session.customerWorkOrderId })),
  ),
  /** A change the poison rule set aside (server/sync/poison.ts), by the reference its user read out. */
  failure: admin.input(ZFailureReference).query(({ ctx, input }) => failureByReference(ctx.db, input.reference)),
  devices: admin.query(({ ctx }) => listDevices({ db: ctx.db })),
  revokeDevice: admin
    .input(z.object({ deviceId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeDevice({ db: ctx.db, actorId: ctx.session.user.id, deviceId: input.deviceId })),
});
