import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mutationFailures } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError } from "@/tests/helpers/errors";
import { batch, changeLabel, deviceRow, envelope, itemById, makeItem, newDevice, resultsOf } from "@/tests/helpers/sync";
import { fingerprintOf, isTransient } from "./poison";

/**
 * Issue 11 §1: a queued change can never block a phone's queue. Bad input is a permanent, stored bad_input naming
 * the field; a change the server fails on the same deterministic way 3 times becomes a stored server_error with a
 * reference. Fault injection: TRACEMARK_FAULT_THROW_FOR makes the handler throw for one mutation id.
 */
describe("sync.push: nothing a phone queued can jam its queue", () => {
  let t: TestDb;
  let keeper: Caller;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: admin } = await login(t.db, "admin", "admin-demo-1"));
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    delete process.env.TRACEMARK_FAULT_THROW_FOR;
    delete process.env.TRACEMARK_FAULT_THROW_CODE;
  });

  const toInUse = async (d: string, seq: number, note = "") => {
    const item = await makeItem(t.db, { status: "accepted" });
    return { item, m: changeLabel(d, seq, { itemId: item.id, to: "in_use", reason: "issued_for_use", note }, { from: "accepted", version: 1 }) };
  };

  it.each([
    ["NUL in a note", "label\u0000note", "nul"],
    ["a lone surrogate in a note", "bad \uD800 char", "lone_surrogate"],
  ])("%s is a stored bad_input naming the field; the changes after it apply", async (_name, note, reason) => {
    const d = await newDevice(keeper);
    const bad = await toInUse(d, 1, note);
    const good = await toInUse(d, 2);
    const answer = await keeper.sync.push(batch(d, bad.m, good.m));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "bad_input"],
      ["applied", null],
    ]);
    expect(answer.results[0]!.details).toEqual({ field: "note", reason });
    expect(answer.lastAppliedSeq).toBe(2);
    expect((await itemById(t.db, bad.item.id)).status).toBe("accepted");
    expect((await itemById(t.db, good.item.id)).status).toBe("in_use");
    // the resend gets the stored answer, not a new attempt
    const again = await keeper.sync.push(batch(d, bad.m, good.m));
    expect(again.results).toEqual(answer.results);
  });

  it("a deceptive note (bidi override) is refused by the field's rule with its message", async () => {
    const d = await newDevice(keeper);
    const bad = await toInUse(d, 1, "\u202Egnp.exe");
    const [r] = (await keeper.sync.push(batch(d, bad.m))).results;
    expect(r).toMatchObject({ status: "rejected", reasonCode: "bad_input", details: { field: "note", message: "validation.text.bidi" } });
  });

  it("a name with NUL and args nested 100,000 deep are each rejected alone, never the batch", async () => {
    const d = await newDevice(keeper);
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
    const badName = envelope(d, 1, "item.change\u0000Label", {});
    const tooDeep = envelope(d, 2, "item.changeLabel", { itemId: deep });
    const good = await toInUse(d, 3);
    const answer = await keeper.sync.push(batch(d, badName, tooDeep, good.m));
    expect(answer.results.map((r) => [r.reasonCode, r.details])).toEqual([
      ["bad_input", { field: "name", reason: "nul" }],
      ["bad_input", { field: expect.stringMatching(/^itemId\./) as unknown, reason: "too_deep" }],
      [null, null],
    ]);
  });

  it("a NUL found first never lets deeper nesting reach a recursive walk (name, then args 100,000 deep)", async () => {
    const d = await newDevice(keeper);
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
    const both = envelope(d, 1, "item.changeLabel\u0000", { a: "\u0000", b: deep });
    const good = await toInUse(d, 2);
    const answer = await keeper.sync.push(batch(d, both, good.m));
    expect(answer.results.map((r) => [r.reasonCode, r.details])).toEqual([
      ["bad_input", { field: "name", reason: "nul" }],
      [null, null],
    ]);
  });

  it("a field path cut at 120 characters never splits an emoji (the stored details stay storable)", async () => {
    const d = await newDevice(keeper);
    const key = `${"k".repeat(119)}😀`;
    const m = envelope(d, 1, "item.changeLabel", { [key]: "\u0000" });
    const [r] = (await keeper.sync.push(batch(d, m))).results;
    expect(r).toMatchObject({ status: "rejected", reasonCode: "bad_input", details: { reason: "nul" } });
    expect(Array.from((r!.details as { field: string }).field)).toHaveLength(120);
  });

  it("poison rule: a handler failing the same way 3 times becomes a stored server_error with a reference; the queue moves on", async () => {
    const d = await newDevice(keeper);
    const first = await toInUse(d, 1);
    const poisoned = await toInUse(d, 2);
    const after = await toInUse(d, 3);
    process.env.TRACEMARK_FAULT_THROW_FOR = poisoned.m.mutationId;
    const push = () => keeper.sync.push(batch(d, first.m, poisoned.m, after.m));

    for (const attempt of [1, 2]) {
      const { shape } = await catchError(push);
      expect(shape.data.appCode, `attempt ${attempt}`).toBe("internal");
      // the batch rolled back whole: nothing applied, nothing consumed
      expect((await deviceRow(t.db, d))!.lastAppliedSeq).toBe(0);
      expect((await itemById(t.db, first.item.id)).status).toBe("accepted");
    }
    const answer = await push();
    expect(answer.results.map((r) => [r.seq, r.status, r.reasonCode])).toEqual([
      [1, "applied", null],
      [2, "rejected", "server_error"],
      [3, "applied", null],
    ]);
    const reference = answer.results[1]!.details?.reference;
    expect(reference).toMatch(/^E-[2-9A-HJ-NP-Z]{8}$/);
    expect((await itemById(t.db, poisoned.item.id)).status).toBe("accepted");
    expect((await itemById(t.db, after.item.id)).status).toBe("in_use");

    // stored: a resend (the answer was lost) gets the same answer, even with the fault gone
    delete process.env.TRACEMARK_FAULT_THROW_FOR;
    expect((await push()).results).toEqual(answer.results);
    expect((await resultsOf(t.db, d)).find((r) => r.seq === 2)).toMatchObject({ status: "rejected", reasonCode: "server_error" });

    // the administrator looks the reference up and sees what failed
    const failure = await admin.sync.failure({ reference: reference as string });
    expect(failure).toMatchObject({ mutationId: poisoned.m.mutationId, name: "item.changeLabel", seq: 2, failures: 3, username: "keeper" });
    expect(failure.error).toContain("injected fault");
    expect(failure.rejectedAt).not.toBeNull();
  });

  it("transient failures (serialisation, connection) never count: the change waits, nothing is rejected", async () => {
    const d = await newDevice(keeper);
    const m = await toInUse(d, 1);
    process.env.TRACEMARK_FAULT_THROW_FOR = m.m.mutationId;
    process.env.TRACEMARK_FAULT_THROW_CODE = "40001";
    for (let i = 0; i < 5; i++) await catchError(() => keeper.sync.push(batch(d, m.m)));
    expect(await t.db.select().from(mutationFailures).where(eq(mutationFailures.mutationId, m.m.mutationId))).toEqual([]);
    delete process.env.TRACEMARK_FAULT_THROW_FOR;
    const answer = await keeper.sync.push(batch(d, m.m));
    expect(answer.results[0]).toMatchObject({ status: "applied" });
  });

  it("a different failure restarts the count: only the same fault 3 times in a row poisons", async () => {
    const d = await newDevice(keeper);
    const m = await toInUse(d, 1);
    process.env.TRACEMARK_FAULT_THROW_FOR = m.m.mutationId;
    await catchError(() => keeper.sync.push(batch(d, m.m)));
    await catchError(() => keeper.sync.push(batch(d, m.m)));
    process.env.TRACEMARK_FAULT_THROW_CODE = "22P02"; // another fault (a data exception)
    await catchError(() => keeper.sync.push(batch(d, m.m)));
    const [row] = await t.db.select().from(mutationFailures).where(eq(mutationFailures.mutationId, m.m.mutationId));
    expect(row).toMatchObject({ failures: 1, rejectedAt: null });
    await catchError(() => keeper.sync.push(batch(d, m.m)));
    const answer = await keeper.sync.push(batch(d, m.m));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "server_error" });
  });

  it("only an administrator may look a reference up; an unknown one is not_found", async () => {
    await catchError(() => keeper.sync.failure({ reference: "E-ABCDEFGH" })).then(({ shape }) => expect(shape.data.appCode).toBe("forbidden"));
    await catchError(() => admin.sync.failure({ reference: "E-ABCDEFGH" })).then(({ shape }) => expect(shape.data.appCode).toBe("not_found"));
  });
});

describe("poison rule: which failures count", () => {
  it("classifies by SQLSTATE and driver codes along the cause chain", () => {
    const withCode = (code: string) => Object.assign(new Error("x"), { code });
    expect(isTransient(withCode("40001"))).toBe(true);
    expect(isTransient(withCode("40P01"))).toBe(true);
    expect(isTransient(withCode("08006"))).toBe(true);
    expect(isTransient(withCode("57014"))).toBe(true);
    expect(isTransient(withCode("53300"))).toBe(true);
    expect(isTransient(new Error("wrapped", { cause: withCode("ECONNRESET") }))).toBe(true);
    expect(isTransient(withCode("22P05"))).toBe(false);
    expect(isTransient(withCode("23505"))).toBe(false);
    expect(isTransient(new TypeError("cannot read properties of undefined"))).toBe(false);
  });

  it("fingerprints ignore ids and numbers, not the fault", () => {
    const a = fingerprintOf(new Error("row 0190a1b2-0000-7000-8000-000000000001 failed at 12"));
    const b = fingerprintOf(new Error("row 0190a1b2-0000-7000-8000-0000000000ff failed at 99"));
    expect(a).toBe(b);
    expect(fingerprintOf(new TypeError("x"))).not.toBe(fingerprintOf(new RangeError("x")));
  });
});
