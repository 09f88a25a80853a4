import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, resetClock } from "@/server/clock";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { person, recordedForm, type TPerson } from "./steps.fixtures";

let t: TestDb;
let cs: TPerson, lineman: TPerson;

beforeAll(async () => {
  t = await createTestDb();
  cs = await person(t.db, "customer_service", "customer_service");
  lineman = await person(t.db, "lineman", "terminal_service");
});
afterEach(() => resetClock());
afterAll(async () => {
  await t?.close();
});

const resolved = { status: "resolved" as const, department: "terminal_service" as const, result: "已更换光猫" };

describe("complaints.get: the steps offered are the ones the server would take", () => {
  it("a 180 form is offered its reply only once its letter is written", async () => {
    const f = await recordedForm(t.db, lineman.id, { ...resolved, channel: "centre_180", centreRef: "180-2026-0001" });
    expect((await cs.caller.complaints.get({ id: f.id })).can).toMatchObject({ reply: false, letter: true });
    const lettered = await recordedForm(t.db, lineman.id, { ...resolved, channel: "centre_180", centreRef: "180-2026-0002", letterResult: "经核查……" });
    expect((await cs.caller.complaints.get({ id: lettered.id })).can).toMatchObject({ reply: true });
    // any other channel may be replied to by phone, letter or not
    const counter = await recordedForm(t.db, lineman.id, resolved);
    expect((await cs.caller.complaints.get({ id: counter.id })).can).toMatchObject({ reply: true });
  });

  it("close is offered only when closeRefusal has nothing against it", async () => {
    const replied = { ...resolved, status: "replied" as const, repliedAt: new Date(), replyMethod: "phone" as const };
    const ok = await recordedForm(t.db, lineman.id, replied);
    expect((await cs.caller.complaints.get({ id: ok.id })).can).toMatchObject({ close: true });
    // replied by letter, no letter on record (letter_required)
    const byLetter = await recordedForm(t.db, lineman.id, { ...replied, replyMethod: "letter" });
    expect((await cs.caller.complaints.get({ id: byLetter.id })).can).toMatchObject({ close: false, reopen: true });
    // no result (result_required)
    const noResult = await recordedForm(t.db, lineman.id, { ...replied, result: " " });
    expect((await cs.caller.complaints.get({ id: noResult.id })).can).toMatchObject({ close: false });
    // a 180 form without its letter (letter_required)
    const centre = await recordedForm(t.db, lineman.id, { ...replied, channel: "centre_180", centreRef: "180-2026-0003" });
    expect((await cs.caller.complaints.get({ id: centre.id })).can).toMatchObject({ close: false });
  });

  it("dates the deadline by the server's clock (the e2e test clock moves it like the desk's)", async () => {
    const f = await recordedForm(t.db, lineman.id, { dueAt: new Date(Date.now() + 3 * 3_600_000) });
    expect((await cs.caller.complaints.get({ id: f.id })).deadline).toMatchObject({ state: "ahead" });
    advanceClock(4 * 3_600_000);
    expect((await cs.caller.complaints.get({ id: f.id })).deadline).toMatchObject({ state: "passed" });
  });
});
