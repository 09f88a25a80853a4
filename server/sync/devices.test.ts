import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devices } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditOf, batch, changeLabel, deviceRow, itemById, makeItem, newDevice, resultsOf } from "@/tests/helpers/sync";

describe("sync devices", () => {
  let t: TestDb;
  let keeper: Caller;
  let keeperId: string;
  let lineman: Caller;
  let admin: Caller;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: keeper,
      user: { id: keeperId },
    } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: lineman } = await login(t.db, "lineman", "lineman-demo"));
    ({
      caller: admin,
      user: { id: adminId },
    } = await login(t.db, "admin", "admin-demo-1"));
  });
  afterAll(async () => t?.close());

  describe("registerDevice", () => {
    it("registers once for the caller, with an audit event; registering again changes nothing", async () => {
      const deviceId = randomUUID();
      expect(await keeper.sync.registerDevice({ deviceId, label: "Keeper's phone" })).toEqual({ deviceId, lastAppliedSeq: 0 });
      const first = await deviceRow(t.db, deviceId);
      expect(first).toMatchObject({ userId: keeperId, label: "Keeper's phone", lastAppliedSeq: 0, revokedAt: null });

      // again (a lost answer, a reinstall of the service worker): same answer, same row, no second audit event
      expect(await keeper.sync.registerDevice({ deviceId, label: "another label" })).toEqual({ deviceId, lastAppliedSeq: 0 });
      expect(await deviceRow(t.db, deviceId)).toEqual(first);
      const audit = await auditOf(t.db, deviceId, "device.registered");
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: keeperId, subjectType: "device", payload: { label: "Keeper's phone" } });
    });

    it("answers the device's last applied seq when it registers again after pushing", async () => {
      const deviceId = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      await keeper.sync.push(
        batch(deviceId, changeLabel(deviceId, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })),
      );
      expect(await keeper.sync.registerDevice({ deviceId, label: "" })).toEqual({ deviceId, lastAppliedSeq: 1 });
    });

    it("a device id of another user: device_other_user, and the device stays theirs", async () => {
      const deviceId = await newDevice(keeper);
      await expectAppError(lineman.sync.registerDevice({ deviceId, label: "mine now" }), "device_other_user");
      expect((await deviceRow(t.db, deviceId))?.userId).toBe(keeperId);
      expect(await auditOf(t.db, deviceId, "device.registered")).toHaveLength(1);
    });

    it("refuses a device id that is not a UUID", async () => {
      await expectAppError(keeper.sync.registerDevice({ deviceId: "my-phone", label: "" }), "bad_input");
    });
  });

  describe("push and pull need the caller's own, registered, unrevoked device", () => {
    it("unregistered: device_not_registered for push and pull; nothing stored", async () => {
      const deviceId = randomUUID();
      const item = await makeItem(t.db);
      await expectAppError(
        keeper.sync.push(
          batch(deviceId, changeLabel(deviceId, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })),
        ),
        "device_not_registered",
      );
      await expectAppError(keeper.sync.pull({ deviceId, cursor: "0" }), "device_not_registered");
      expect(await deviceRow(t.db, deviceId)).toBeUndefined();
      expect((await itemById(t.db, item.id)).status).toBe("accepted");
    });

    it("another user's device: device_other_user for push and pull; nothing applied", async () => {
      const deviceId = await newDevice(keeper);
      const item = await makeItem(t.db, { kind: "customer_equipment", status: "in_service", zoneCode: "HQ-EQ" });
      // the lineman may change customer equipment: only the device is wrong
      await expectAppError(
        lineman.sync.push(
          batch(deviceId, changeLabel(deviceId, 1, { itemId: item.id, to: "under_maintenance", reason: "fault_found" }, { from: "in_service", version: 1 })),
        ),
        "device_other_user",
      );
      await expectAppError(lineman.sync.pull({ deviceId, cursor: "0" }), "device_other_user");
      expect((await itemById(t.db, item.id)).status).toBe("in_service");
      expect(await resultsOf(t.db, deviceId)).toEqual([]);
      expect((await deviceRow(t.db, deviceId))?.lastAppliedSeq).toBe(0);
    });

    it("revoked: device_revoked for push, pull and register; its queued changes are not applied", async () => {
      const deviceId = await newDevice(keeper);
      const item = await makeItem(t.db);
      const m1 = changeLabel(deviceId, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      await admin.sync.revokeDevice({ deviceId });
      await expectAppError(keeper.sync.push(batch(deviceId, m1)), "device_revoked");
      await expectAppError(keeper.sync.pull({ deviceId, cursor: "0" }), "device_revoked");
      await expectAppError(keeper.sync.registerDevice({ deviceId, label: "" }), "device_revoked");
      expect((await itemById(t.db, item.id)).status).toBe("accepted");
      expect(await resultsOf(t.db, deviceId)).toEqual([]);
    });

    it("revoked while a device had applied some: what was applied stays, nothing more is", async () => {
      const deviceId = await newDevice(keeper);
      const item = await makeItem(t.db);
      const m1 = changeLabel(deviceId, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const m2 = changeLabel(
        deviceId,
        2,
        { itemId: item.id, to: "pending_disposal", reason: "end_of_life", zoneCode: "WH1-Q-DSP" },
        { from: "in_use", version: 2 },
      );
      await keeper.sync.push(batch(deviceId, m1));
      await admin.sync.revokeDevice({ deviceId });
      // even a replay of an already applied seq is refused: the device is no longer trusted
      await expectAppError(keeper.sync.push(batch(deviceId, m1, m2)), "device_revoked");
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", version: 2 });
      expect((await resultsOf(t.db, deviceId)).map((r) => r.seq)).toEqual([1]);
    });
  });

  describe("admin: devices and revokeDevice", () => {
    it("lists devices with their user and last applied seq", async () => {
      const deviceId = await newDevice(keeper, "listed phone");
      const list = await admin.sync.devices();
      expect(list.find((d) => d.deviceId === deviceId)).toMatchObject({
        userId: keeperId,
        username: "keeper",
        label: "listed phone",
        lastAppliedSeq: 0,
        revokedAt: null,
      });
    });

    it("revokes once, with an audit event by the admin; revoking again or an unknown device is not_found", async () => {
      const deviceId = await newDevice(keeper);
      await admin.sync.revokeDevice({ deviceId });
      const row = await deviceRow(t.db, deviceId);
      expect(row?.revokedAt).toBeInstanceOf(Date);
      await expectAppError(admin.sync.revokeDevice({ deviceId }), "not_found");
      expect((await deviceRow(t.db, deviceId))?.revokedAt).toEqual(row?.revokedAt);
      await expectAppError(admin.sync.revokeDevice({ deviceId: randomUUID() }), "not_found");
      const audit = await auditOf(t.db, deviceId, "device.revoked");
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actorId).toBe(adminId);
    });

    it("a non-admin may neither list nor revoke", async () => {
      const deviceId = await newDevice(keeper);
      await expectAppError(keeper.sync.devices(), "forbidden");
      await expectAppError(keeper.sync.revokeDevice({ deviceId }), "forbidden");
      expect((await deviceRow(t.db, deviceId))?.revokedAt).toBeNull();
      expect((await t.db.select().from(devices)).length).toBeGreaterThan(0);
    });
  });
});
