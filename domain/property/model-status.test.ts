import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  CASE_KINDS,
  CASE_STATUSES,
  CASE_STEPS,
  FINAL_CASE_STATUSES,
  ROUND_STATUSES,
  caseNextStatus,
  caseStepDecision,
  reinspectionItems,
  roundSubmitDecision,
  roundVerdict,
  type TActor,
  type TCaseKind,
  type TCaseStatus,
  type TCaseStep,
  type TItemResult,
} from "./model";
import { ACTORS, COMPLETE } from "./model.fixtures";
describe("caseNextStatus", () => {
  test("every step, with every verdict a round may carry", () => {
    const verdicts = [undefined, ...ROUND_STATUSES] as const;
    const expected: Record<TCaseStep, TCaseStatus[]> = {
      // verdict:        none          scheduled     passed        failed        cancelled
      schedule: ["scheduled", "scheduled", "scheduled", "scheduled", "scheduled"],
      cancelRound: ["recorded", "recorded", "recorded", "recorded", "recorded"],
      // only a pass passes: anything else (no verdict, a verdict that is not a result) is a fail, never a pass
      submitRound: ["failed", "failed", "passed", "failed", "failed"],
      issueLetter: ["rectifying", "rectifying", "rectifying", "rectifying", "rectifying"],
      reportRectified: ["rectified", "rectified", "rectified", "rectified", "rectified"],
      connect: ["connected", "connected", "connected", "connected", "connected"],
      cancel: ["cancelled", "cancelled", "cancelled", "cancelled", "cancelled"],
    };
    for (const step of CASE_STEPS)
      expect(
        verdicts.map((verdict) => caseNextStatus(step, verdict === undefined ? {} : { verdict })),
        step,
      ).toEqual(expected[step]);
    for (const step of CASE_STEPS) expect(caseNextStatus(step)).toBe(expected[step][0]);
  });

  test.each([
    ["no round number", {}, "recorded"],
    ["round 1", { roundNo: 1 }, "recorded"],
    ["round 2", { roundNo: 2 }, "rectified"],
    ["round 7", { roundNo: 7 }, "rectified"],
    // a cancelled round keeps its number: round 2 after a cancelled round 1 came from recorded
    ["round 2, nothing inspected before", { roundNo: 2, inspected: false }, "recorded"],
    ["round 1 (re-sent), inspected before", { roundNo: 1, inspected: true }, "rectified"],
    ["inspected before, no number", { inspected: true }, "rectified"],
    ["not inspected, no number", { inspected: false }, "recorded"],
  ] as const)("cancelRound, %s → %s", (_what, opts, status) => {
    expect(caseNextStatus("cancelRound", opts)).toBe(status);
  });

  test("the status after each step is one the step may follow from, and the workflow of the ADR runs end to end", () => {
    const pbx = (status: TCaseStatus) => ({ kind: "pbx", status, documents: [] }) as const;
    const walk: [TCaseStep, TActor, Parameters<typeof caseNextStatus>[1], TCaseStatus][] = [
      ["schedule", ACTORS.cs, {}, "scheduled"],
      ["submitRound", ACTORS.tsLineman, { verdict: "failed" }, "failed"],
      ["issueLetter", ACTORS.csHead, {}, "rectifying"],
      ["reportRectified", ACTORS.cs, {}, "rectified"],
      ["schedule", ACTORS.cs, {}, "scheduled"],
      ["cancelRound", ACTORS.cs, { roundNo: 2, inspected: true }, "rectified"],
      ["schedule", ACTORS.cs, {}, "scheduled"],
      ["submitRound", ACTORS.tsLineman, { verdict: "passed" }, "passed"],
      ["connect", ACTORS.tsLineman, {}, "connected"],
    ];
    let status: TCaseStatus = "recorded";
    for (const [step, actor, opts, next] of walk) {
      expect(caseStepDecision(step, pbx(status), actor), `${step} from ${status}`).toEqual({ ok: true });
      status = caseNextStatus(step, opts);
      expect(status).toBe(next);
    }
    for (const step of CASE_STEPS) expect(caseStepDecision(step, pbx(status), ACTORS.cs).ok).toBe(false);
  });

  test("property: any sequence of allowed steps stays on the ADR's paths (connected only after passed, nothing after the end)", () => {
    const doer = (step: TCaseStep, kind: TCaseKind): TActor => (step === "connect" ? ACTORS.tsLineman : kind === "pbx" ? ACTORS.cs : ACTORS.tdHead);
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_KINDS),
        fc.array(fc.tuple(fc.constantFrom(...CASE_STEPS), fc.constantFrom<"passed" | "failed">("passed", "failed")), { maxLength: 40 }),
        (kind, steps) => {
          let status: TCaseStatus = "recorded";
          let inspected = false;
          let rounds = 0;
          for (const [step, verdict] of steps) {
            const d = caseStepDecision(step, { kind, status, documents: COMPLETE }, doer(step, kind));
            if (!d.ok) continue;
            const before = status;
            expect(FINAL_CASE_STATUSES).not.toContain(before);
            if (step === "schedule") rounds++;
            status = caseNextStatus(step, { verdict, roundNo: rounds, inspected });
            if (step === "submitRound") inspected = true;
            if (step === "cancelRound") expect(status).toBe(inspected ? "rectified" : "recorded");
            if (status === "connected") expect(before).toBe("passed");
            if (status === "rectified") expect(["failed", "rectifying", "scheduled"]).toContain(before);
            if (status === "passed") expect(before).toBe("scheduled");
            expect(CASE_STATUSES).toContain(status);
          }
        },
      ),
    );
  });
});

describe("rounds", () => {
  test.each([
    ["no items", [], null],
    ["one pass", ["pass"], "passed"],
    ["all pass", ["pass", "pass", "pass"], "passed"],
    ["one fail", ["fail"], "failed"],
    ["a fail among passes", ["pass", "fail", "pass"], "failed"],
    ["all fail", ["fail", "fail"], "failed"],
    ["one not done", [null], null],
    ["passes with one not done", ["pass", null, "pass"], null],
    ["a fail with one not done (still incomplete)", ["fail", null], null],
    ["not done first", [null, "fail"], null],
  ] as const)("roundVerdict: %s → %s", (_what, results, verdict) => {
    expect(roundVerdict(results)).toBe(verdict);
  });

  test("property: passed iff every item passed; failed iff complete with a fail; otherwise not decided", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<TItemResult | null>("pass", "fail", null), { maxLength: 30 }), (results) => {
        const v = roundVerdict(results);
        const complete = results.length > 0 && results.every((r) => r !== null);
        expect(v === "passed").toBe(results.length > 0 && results.every((r) => r === "pass"));
        expect(v === "failed").toBe(complete && results.includes("fail"));
        expect(v === null).toBe(!complete);
      }),
    );
  });

  describe("roundSubmitDecision", () => {
    const A = { userId: "u-a", department: "customer_service" } as const;
    const B = { userId: "u-b", department: "terminal_service" } as const;
    const C = { userId: "u-c", department: null } as const;
    const inspectors = [A, B, C];
    const actor = (id: string): TActor => ({ id, role: "lineman", department: "terminal_service" });

    test("someone not named on the round is refused, whatever the round and the signatures", () => {
      for (const roundStatus of ROUND_STATUSES) {
        expect(roundSubmitDecision({ actor: actor("u-z"), roundStatus, inspectors, signedBy: ["u-a", "u-b", "u-c"] })).toEqual({
          ok: false,
          code: "not_allowed",
        });
        // the organiser's head, the admin: not named, not allowed
        expect(roundSubmitDecision({ actor: ACTORS.admin, roundStatus, inspectors, signedBy: ["u-a", "u-b", "u-c"] })).toEqual({
          ok: false,
          code: "not_allowed",
        });
      }
      expect(roundSubmitDecision({ actor: actor("u-a"), roundStatus: "scheduled", inspectors: [], signedBy: [] })).toEqual({ ok: false, code: "not_allowed" });
    });

    test.each(["passed", "failed", "cancelled"] as const)("a round already %s is refused (invalid_transition)", (roundStatus) => {
      expect(roundSubmitDecision({ actor: actor("u-b"), roundStatus, inspectors, signedBy: ["u-a", "u-b", "u-c"] })).toEqual({
        ok: false,
        code: "invalid_transition",
      });
    });

    test.each([
      ["nobody signed", [], ["u-a", "u-b", "u-c"]],
      ["only the submitter", ["u-b"], ["u-a", "u-c"]],
      ["all but the last", ["u-b", "u-a"], ["u-c"]],
      ["someone not named instead", ["u-a", "u-b", "u-z"], ["u-c"]],
    ] as const)("signatures missing: %s → listed in the round's order", (_what, signedBy, missing) => {
      expect(roundSubmitDecision({ actor: actor("u-a"), roundStatus: "scheduled", inspectors, signedBy })).toEqual({
        ok: false,
        code: "signatures_required",
        missing,
      });
    });

    test("every named inspector signed (in any order, an extra signer ignored): ok for any of them", () => {
      for (const who of inspectors) {
        expect(roundSubmitDecision({ actor: actor(who.userId), roundStatus: "scheduled", inspectors, signedBy: ["u-c", "u-a", "u-b"] })).toEqual({ ok: true });
        expect(roundSubmitDecision({ actor: actor(who.userId), roundStatus: "scheduled", inspectors, signedBy: ["u-z", "u-c", "u-a", "u-b"] })).toEqual({
          ok: true,
        });
      }
      expect(roundSubmitDecision({ actor: actor("u-a"), roundStatus: "scheduled", inspectors: [A], signedBy: ["u-a"] })).toEqual({ ok: true });
    });

    test("property: ok iff named, scheduled and every inspector signed; missing is exactly the unsigned inspectors", () => {
      const ids = ["u-a", "u-b", "u-c", "u-d", "u-e"];
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 5 }),
          fc.constantFrom(...ids),
          fc.constantFrom(...ROUND_STATUSES),
          fc.subarray(ids),
          (named, who, roundStatus, signedBy) => {
            const d = roundSubmitDecision({ actor: actor(who), roundStatus, inspectors: named.map((userId) => ({ userId, department: null })), signedBy });
            const unsigned = named.filter((id) => !signedBy.includes(id));
            if (!named.includes(who)) expect(d).toEqual({ ok: false, code: "not_allowed" });
            else if (roundStatus !== "scheduled") expect(d).toEqual({ ok: false, code: "invalid_transition" });
            else if (unsigned.length > 0) expect(d).toEqual({ ok: false, code: "signatures_required", missing: unsigned });
            else expect(d).toEqual({ ok: true });
          },
        ),
      );
    });
  });

  describe("reinspectionItems", () => {
    const all = ["i1", "i2", "i3", "i4", "i5"];
    test.each([
      ["nothing failed or chosen", [], [], []],
      ["the failed items, in the list's order", ["i4", "i2"], [], ["i2", "i4"]],
      ["chosen besides the failed", ["i5"], ["i1"], ["i1", "i5"]],
      ["a chosen item that also failed, once", ["i3"], ["i3", "i3"], ["i3"]],
      ["duplicates in the failed list, once", ["i2", "i2"], [], ["i2"]],
      ["unknown ids ignored", ["gone", "i2"], ["nope"], ["i2"]],
      ["everything", all, all, all],
    ] as const)("%s", (_what, previousFailed, chosen, expected) => {
      expect(reinspectionItems({ previousFailed, chosen, all })).toEqual(expected);
    });

    test("an empty item list gives nothing", () => {
      expect(reinspectionItems({ previousFailed: ["i1"], chosen: ["i2"], all: [] })).toEqual([]);
    });

    test("property: a subsequence of the list, without repeats, exactly the known failed or chosen ids", () => {
      const pool = ["a", "b", "c", "d", "e", "f", "g", "x", "y"];
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.constantFrom(...pool.slice(0, 7)), { maxLength: 7 }),
          fc.array(fc.constantFrom(...pool), { maxLength: 8 }),
          fc.array(fc.constantFrom(...pool), { maxLength: 8 }),
          (list, previousFailed, chosen) => {
            const out = reinspectionItems({ previousFailed, chosen, all: list });
            expect(new Set(out).size).toBe(out.length);
            expect(out).toEqual(list.filter((id) => previousFailed.includes(id) || chosen.includes(id)));
            // order kept: each index in the list is larger than the one before
            const at = out.map((id) => list.indexOf(id));
            expect([...at].sort((p, q) => p - q)).toEqual(at);
          },
        ),
      );
    });
  });
});
