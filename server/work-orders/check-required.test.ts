/**
 * Serial/IMEI and a PBX's details are required (issue 10, defect 5): `workOrder.checkEquipment` v2 re-validated by the
 * server; a v1 check already queued by an older phone (serial empty, as that build allowed) is still accepted, and a
 * v2 check missing them is rejected with the fields named (on Needs attention) while the queue goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { batch, newDevice } from "@/tests/helpers/sync";
import { checkEquipment, checksOf, makeWorkOrder } from "@/tests/helpers/work-orders";

describe("required equipment check fields", () => {
  let t: TestDb;
  let lineman: Caller;
  let linemanId: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: lineman,
      user: { id: linemanId },
    } = await login(t.db, "lineman", "lineman-demo"));
  });
  afterAll(async () => t?.close());

  it("v2 without a serial, or a PBX without its details, is rejected naming the field; v1 with an empty serial is accepted; the queue goes on", async () => {
    const wo = await makeWorkOrder(t.db, { assignedTo: linemanId, status: "on_site" });
    const d = await newDevice(lineman);
    const v2 = { schemaVersion: 2 };
    const noSerial = { ...checkEquipment(d, 1, { workOrderId: wo.id, serial: "  " }), ...v2 };
    const pbxBare = { ...checkEquipment(d, 2, { workOrderId: wo.id, equipmentType: "pbx", outcome: "refused" }), ...v2 };
    const oldPhone = checkEquipment(d, 3, { workOrderId: wo.id, serial: "" });
    const good = { ...checkEquipment(d, 4, { workOrderId: wo.id, serial: "SN-0002" }), ...v2 };
    const answer = await lineman.sync.push(batch(d, noSerial, pbxBare, oldPhone, good));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "bad_input"],
      ["rejected", "bad_input"],
      ["applied", null],
      ["applied", null],
    ]);
    expect(JSON.stringify(answer.results[0]!.details)).toContain("serial");
    expect(JSON.stringify(answer.results[1]!.details)).toContain("pbx");
    expect(answer.lastAppliedSeq).toBe(4);
    const rows = await checksOf(t.db, wo.id);
    expect(rows.map((r) => r.serial)).toEqual(["", "SN-0002"]);
    // both refusals wait under Needs attention
    const pulled = await lineman.sync.pull({ deviceId: d, cursor: "0" });
    expect(pulled.rejections.map((r) => r.reasonCode)).toEqual(expect.arrayContaining(["bad_input", "bad_input"]));
  });
});
