import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices, users } from "@/db/schema";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";

type DeviceRow = typeof devices.$inferSelect;

/** Registers an installed app for the signed-in user (idempotent). A device id stays bound to one user. */
export async function registerDevice({ db, user, deviceId, label }: { db: Db; user: SessionUser; deviceId: string; label: string }) {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(devices).values({ deviceId, userId: user.id, label }).onConflictDoNothing({ target: devices.deviceId }).returning();
    if (inserted[0]) {
      await appendAuditEvent(tx, {
        actorId: user.id,
        subjectType: "device",
        subjectId: deviceId,
        event: { name: "device.registered", payload: { label } },
      });
    }
    const [row] = await tx.select().from(devices).where(eq(devices.deviceId, deviceId));
    const device = assertOwnDevice(row, user);
    return { deviceId: device.deviceId, lastAppliedSeq: device.lastAppliedSeq };
  });
}

/** The device must exist, belong to the caller and not be revoked. */
export function assertOwnDevice(row: DeviceRow | undefined, user: SessionUser): DeviceRow {
  if (!row) throw new AppError("device_not_registered");
  if (row.userId !== user.id) throw new AppError("device_other_user");
  if (row.revokedAt) throw new AppError("device_revoked");
  return row;
}

export async function loadOwnDevice(db: Db, user: SessionUser, deviceId: string): Promise<DeviceRow> {
  const [row] = await db.select().from(devices).where(eq(devices.deviceId, deviceId));
  return assertOwnDevice(row, user);
}

/** Admin: a lost or stolen phone. Its pushes and pulls are refused from now on. */
export async function revokeDevice({ db, actorId, deviceId }: { db: Db; actorId: string; deviceId: string }) {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(devices)
      .set({ revokedAt: new Date() })
      .where(and(eq(devices.deviceId, deviceId), isNull(devices.revokedAt)))
      .returning({ deviceId: devices.deviceId });
    if (!updated[0]) throw new AppError("not_found");
    await appendAuditEvent(tx, { actorId, subjectType: "device", subjectId: deviceId, event: { name: "device.revoked", payload: {} } });
  });
}

/** Every registered phone with its user, most recently seen first (admin). */
export function listDevices({ db }: { db: Db }) {
  return db
    .select({
      deviceId: devices.deviceId,
      userId: devices.userId,
      label: devices.label,
      lastAppliedSeq: devices.lastAppliedSeq,
      createdAt: devices.createdAt,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
      username: users.username,
      displayName: users.displayName,
    })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .orderBy(desc(devices.lastSeenAt));
}
