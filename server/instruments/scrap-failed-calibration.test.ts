/**
 * Issue 10, defect 10: an instrument whose calibration failed can be proposed for scrapping (Procedure 4: it may
 * never be used again without a passed calibration), and the head approves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorToday } from "@/domain/time/operator";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { instrumentById, makeInstrument, newId, phoneFor, type Phone } from "@/tests/helpers/instruments";

describe("scrapping an instrument that failed calibration", () => {
  let t: TestDb;
  let custodian: Phone;
  let techHead: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    techHead = await phoneFor(t.db, "department_head", "technology_development");
  });
  afterAll(async () => t?.close());

  const calibrate = (instrumentId: string, result: "passed" | "failed") =>
    custodian.caller.instruments.recordCalibration({
      instrumentId,
      certificateNo: `JL-${newId().slice(-6)}`,
      lab: "市通信计量站",
      calibratedOn: operatorToday(),
      result,
      note: "",
    });

  it("after a failed calibration the desk offers scrapping with reason failed_calibration, and the head approves it", async () => {
    const i = await makeInstrument(t.db, { calibratedDaysAgo: 30 });
    // a young instrument with a passed calibration: nothing to scrap it for
    let view = await custodian.caller.instruments.get({ id: i.id });
    expect(view.actions).not.toContain("request_scrap");
    expect(view.scrapReasons).toEqual([]);
    const refused = await expectAppError(
      custodian.caller.instruments.requestScrap({ instrumentId: i.id, reason: "failed_calibration", note: "x" }),
      "rule_violation",
    );
    expect(refused.data.details).toMatchObject({ rule: "scrap_reason_unmet" });

    await calibrate(i.id, "failed");
    view = await custodian.caller.instruments.get({ id: i.id });
    expect(view.actions).toContain("request_scrap");
    expect(view.scrapReasons).toEqual(["failed_calibration"]);
    const req = await custodian.caller.instruments.requestScrap({
      instrumentId: i.id,
      reason: "failed_calibration",
      note: "drift beyond tolerance, cannot be adjusted",
    });
    expect((await techHead.caller.instruments.pendingScraps()).find((p) => p.requestId === req.id)).toMatchObject({ reason: "failed_calibration" });
    await techHead.caller.instruments.decideScrap({ requestId: req.id, decision: "approve", reason: "metrology station verdict" });
    expect(await instrumentById(t.db, i.id)).toMatchObject({ status: "scrapped" });
  });
});
