import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { DEFAULT_POLICY, deadlineFrom } from "./deadlines";
import {
  isValidReplyTime,
  replyTimeAsTyped,
  COMPLAINT_CHANNELS,
  REPLY_METHODS,
  canStep,
  classifyRefusal,
  closeRefusal,
  reclassifiedDeadline,
  reopenReset,
  replyRefusal,
  statusAfter,
  type TCloseFacts,
} from "./model";

/** Closing, replying, the reply time, classifying again and reopening (the workflow's end; model.test.ts has the rest). */
const CLOSABLE: TCloseFacts = {
  channel: "counter",
  replyMethod: "phone",
  repliedAt: new Date("2026-03-02T01:30:00Z"),
  hasLetter: false,
  result: "Bill corrected.",
};

describe("closeRefusal", () => {
  test("a result told to the customer (how and when) closes a record of every channel but the 180 centre", () => {
    for (const channel of COMPLAINT_CHANNELS) {
      for (const replyMethod of REPLY_METHODS.filter((m) => m !== "letter")) {
        expect(closeRefusal({ ...CLOSABLE, channel, replyMethod }), `${channel} ${replyMethod}`).toBe(channel === "centre_180" ? "letter_required" : null);
        expect(closeRefusal({ ...CLOSABLE, channel, replyMethod, hasLetter: true })).toBeNull();
      }
    }
    expect(closeRefusal({ ...CLOSABLE, repliedAt: "2026-03-02T01:30:00Z" })).toBeNull();
  });

  test.each(["", " ", "   ", "\n\t ", "\u3000"])("a blank result (%j) is refused first", (result) => {
    expect(closeRefusal({ ...CLOSABLE, result })).toBe("result_required");
    expect(closeRefusal({ ...CLOSABLE, result, replyMethod: null, repliedAt: null, channel: "centre_180" })).toBe("result_required");
  });

  test("no reply method or no reply time: reply_required, before the letter", () => {
    expect(closeRefusal({ ...CLOSABLE, replyMethod: null })).toBe("reply_required");
    expect(closeRefusal({ ...CLOSABLE, repliedAt: null })).toBe("reply_required");
    expect(closeRefusal({ ...CLOSABLE, replyMethod: null, repliedAt: null })).toBe("reply_required");
    expect(closeRefusal({ ...CLOSABLE, channel: "centre_180", replyMethod: null })).toBe("reply_required");
  });

  test("the 180 centre without its letter, or a reply by letter without one: letter_required", () => {
    expect(closeRefusal({ ...CLOSABLE, channel: "centre_180", replyMethod: "letter", hasLetter: false })).toBe("letter_required");
    expect(closeRefusal({ ...CLOSABLE, channel: "centre_180", replyMethod: "letter", hasLetter: true })).toBeNull();
    expect(closeRefusal({ ...CLOSABLE, channel: "counter", replyMethod: "letter", hasLetter: false })).toBe("letter_required");
    expect(closeRefusal({ ...CLOSABLE, channel: "counter", replyMethod: "letter", hasLetter: true })).toBeNull();
  });

  test("property: null exactly when there is a result, a reply (how and when) and, where a letter is due, the letter", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPLAINT_CHANNELS),
        fc.option(fc.constantFrom(...REPLY_METHODS)),
        fc.option(fc.date({ noInvalidDate: true })),
        fc.boolean(),
        fc.string({ maxLength: 8 }),
        (channel, replyMethod, repliedAt, hasLetter, result) => {
          const refusal = closeRefusal({ channel, replyMethod, repliedAt, hasLetter, result });
          const letterDue = channel === "centre_180" || replyMethod === "letter";
          const ok = result.trim() !== "" && replyMethod !== null && repliedAt !== null && (!letterDue || hasLetter);
          expect(refusal === null).toBe(ok);
        },
      ),
    );
  });
});

describe("a complaint forwarded by the 180 centre, step by step", () => {
  test("resolved → written reply → replied → closed; neither the reply nor the close goes without the letter", () => {
    const c = { channel: "centre_180" as const, hasLetter: false };
    expect(canStep("reply", "resolved")).toBe(true);
    for (const method of REPLY_METHODS) expect(replyRefusal(c, method)).toBe("letter_required");
    expect(canStep("letter", "resolved")).toBe(true);
    const written = { ...c, hasLetter: true };
    for (const method of REPLY_METHODS) expect(replyRefusal(written, method)).toBeNull();
    expect(statusAfter("reply")).toBe("replied");
    expect(closeRefusal({ ...written, replyMethod: "letter", repliedAt: new Date(), result: "Refunded." })).toBeNull();
    expect(closeRefusal({ ...c, replyMethod: "phone", repliedAt: new Date(), result: "Refunded." })).toBe("letter_required");
  });
});

describe("replyRefusal", () => {
  test.each(
    COMPLAINT_CHANNELS.flatMap((channel) => REPLY_METHODS.flatMap((method) => [false, true].map((hasLetter) => [channel, method, hasLetter] as const))),
  )("%s by %s, letter written: %s", (channel, method, hasLetter) => {
    const needsLetter = method === "letter" || channel === "centre_180";
    expect(replyRefusal({ channel, hasLetter }, method)).toBe(needsLetter && !hasLetter ? "letter_required" : null);
  });

  test("a reply that passes leaves a record closeRefusal accepts (given a result and a time)", () => {
    for (const channel of COMPLAINT_CHANNELS) {
      for (const method of REPLY_METHODS) {
        for (const hasLetter of [false, true]) {
          if (replyRefusal({ channel, hasLetter }, method) !== null) continue;
          expect(closeRefusal({ channel, replyMethod: method, repliedAt: new Date(), hasLetter, result: "done" })).toBeNull();
        }
      }
    }
  });
});

describe("the time the customer was told", () => {
  const asked = new Date("2026-12-05T15:59:40.000Z"); // 23:59:40 in Shanghai
  it("a time typed in the minute the customer asked in counts as after they asked", () => {
    expect(replyTimeAsTyped(new Date("2026-12-05T15:59:00.000Z"), asked)).toEqual(asked);
    expect(replyTimeAsTyped(new Date("2026-12-05T15:58:40.000Z"), asked)).toEqual(new Date("2026-12-05T15:58:40.000Z"));
    expect(replyTimeAsTyped(new Date("2026-12-05T16:01:00.000Z"), asked)).toEqual(new Date("2026-12-05T16:01:00.000Z"));
  });
  it("is refused before the customer asked and in the future beyond a minute's grace", () => {
    const now = new Date("2026-12-06T02:00:00.000Z");
    expect(isValidReplyTime(asked, asked, now)).toBe(true);
    expect(isValidReplyTime(new Date(asked.getTime() - 1), asked, now)).toBe(false);
    expect(isValidReplyTime(new Date(now.getTime() + 60_000), asked, now)).toBe(true);
    expect(isValidReplyTime(new Date(now.getTime() + 60_001), asked, now)).toBe(false);
    expect(isValidReplyTime(new Date(Number.NaN), asked, now)).toBe(false);
  });
});

describe("classifying again and reopening", () => {
  const policy = { version: 7, limits: DEFAULT_POLICY };
  const receivedAt = new Date("2026-05-10T02:00:00Z");

  it("a classification moves the deadline only when the tier changes", () => {
    const standard = { kind: "complaint" as const, serviceType: null, receivedAt, keyCustomerId: null };
    expect(reclassifiedDeadline(standard, null, policy)).toBeNull();
    expect(reclassifiedDeadline({ ...standard, keyCustomerId: "k1" }, "k2", policy)).toBeNull();
    expect(reclassifiedDeadline(standard, "k1", policy)).toEqual({ dueAt: deadlineFrom(receivedAt, DEFAULT_POLICY.key.complaint), policyVersion: 7 });
    expect(reclassifiedDeadline({ ...standard, keyCustomerId: "k1" }, null, policy)).toEqual({
      dueAt: deadlineFrom(receivedAt, DEFAULT_POLICY.standard.complaint),
      policyVersion: 7,
    });
  });

  it("a service request keeps its key customer", () => {
    expect(classifyRefusal({ kind: "service_request" }, null)).toBe("not_allowed");
    expect(classifyRefusal({ kind: "service_request" }, "k1")).toBeNull();
    expect(classifyRefusal({ kind: "complaint" }, null)).toBeNull();
  });

  it("a reopen clears the reply and the letter and runs a new deadline from the reopening, in the form's own tier and type", () => {
    const now = new Date("2026-06-01T03:00:00Z");
    const reset = reopenReset({ kind: "service_request", serviceType: "repair", keyCustomerId: "k1" }, policy, now);
    expect(reset).toEqual({
      closedAt: null,
      repliedAt: null,
      replyMethod: null,
      letterProcess: null,
      letterResult: null,
      letterAt: null,
      dueAt: deadlineFrom(now, DEFAULT_POLICY.key.repair),
      policyVersion: 7,
    });
    expect(reopenReset({ kind: "inquiry", serviceType: null, keyCustomerId: null }, policy, now).dueAt).toEqual(
      deadlineFrom(now, DEFAULT_POLICY.standard.inquiry),
    );
    expect(
      closeRefusal({
        channel: "centre_180",
        result: "已处理",
        hasLetter: reset.letterResult !== null,
        replyMethod: reset.replyMethod,
        repliedAt: reset.repliedAt,
      }),
    ).toBe("reply_required");
  });
});
