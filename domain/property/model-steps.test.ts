import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEPARTMENTS, ROLES } from "@/domain/auth/roles";
import {
  CASE_KINDS,
  CASE_STATUSES,
  CASE_STEPS,
  DOCUMENT_KINDS,
  FINAL_CASE_STATUSES,
  ORGANISER_DEPARTMENT,
  caseStepDecision,
  isCustomerService,
  isOrganiser,
  mayReadCases,
  worksDocumentsComplete,
  type TDocumentKind,
} from "./model";
import { ACTORS, ACTOR_NAMES, TABLE, CODE, row, COMPLETE, type TActorName } from "./model.fixtures";
describe("caseStepDecision: who may do what, in which state (ADR 0039 §2)", () => {
  test("the table covers every step, kind and status, and the statuses are in the order the rows are written", () => {
    expect(Object.keys(TABLE)).toEqual([...CASE_STEPS]);
    for (const step of CASE_STEPS) {
      expect(Object.keys(TABLE[step])).toEqual([...CASE_KINDS]);
      for (const kind of CASE_KINDS) {
        expect(Object.keys(TABLE[step][kind])).toEqual(ACTOR_NAMES);
        for (const r of Object.values(TABLE[step][kind])) expect(r).toMatch(/^[-+xd]{8}$/);
      }
    }
    expect(CASE_STATUSES).toEqual(["recorded", "scheduled", "failed", "rectifying", "rectified", "passed", "connected", "cancelled"]);
  });

  const cases = CASE_STEPS.flatMap((step) => CASE_KINDS.flatMap((kind) => ACTOR_NAMES.map((name) => [step, kind, name] as const)));
  test.each(cases)("%s on a %s case by %s", (step, kind, name) => {
    // a PBX needs no documents at all; works have theirs (their absence is the table below)
    const documents = kind === "works" ? COMPLETE : [];
    expect(row(step, kind, ACTORS[name], documents)).toBe(TABLE[step][kind][name]);
    // the same for every single status, decision by decision
    CASE_STATUSES.forEach((status, i) => {
      expect(caseStepDecision(step, { kind, status, documents }, ACTORS[name]), status).toEqual(CODE[TABLE[step][kind][name][i]!]);
    });
  });

  test("a PBX case with every document, or none, decides the same", () => {
    for (const step of CASE_STEPS)
      for (const name of ACTOR_NAMES) {
        expect(row(step, "pbx", ACTORS[name], [...DOCUMENT_KINDS])).toBe(TABLE[step].pbx[name]);
        expect(row(step, "pbx", ACTORS[name], ["design"])).toBe(TABLE[step].pbx[name]);
      }
  });

  describe("documents: works need the design documents and the test report before the acceptance is scheduled", () => {
    const DOCS: [string, TDocumentKind[], boolean][] = [
      ["none", [], false],
      ["design only", ["design"], false],
      ["test report only", ["test_report"], false],
      ["agreement and application only", ["agreement", "application", "certificate", "rectification_report", "other"], false],
      ["design and test report", ["design", "test_report"], true],
      ["test report and design, with the agreement", ["test_report", "agreement", "design"], true],
      ["twice each", ["design", "design", "test_report", "test_report"], true],
      ["every kind", [...DOCUMENT_KINDS], true],
    ];
    // scheduling works, by the documents on file (organisers); the other people are refused whatever is on file
    const SCHEDULE_WORKS: Record<TActorName, [complete: string, incomplete: string]> = {
      cs: ["--------", "--------"],
      csHead: ["--------", "--------"],
      tdCustodian: ["+xxx+xxx", "dxxxdxxx"],
      tdHead: ["+xxx+xxx", "dxxxdxxx"],
      tdLineman: ["--------", "--------"],
      tsLineman: ["--------", "--------"],
      tsHead: ["--------", "--------"],
      keeper: ["--------", "--------"],
      quality: ["--------", "--------"],
      admin: ["--------", "--------"],
      gm: ["--------", "--------"],
    };

    test.each(DOCS)("%s", (_what, documents, complete) => {
      expect(worksDocumentsComplete(documents)).toBe(complete);
      for (const name of ACTOR_NAMES) expect(row("schedule", "works", ACTORS[name], documents), name).toBe(SCHEDULE_WORKS[name][complete ? 0 : 1]);
      // no other step looks at the documents
      for (const step of CASE_STEPS.filter((s) => s !== "schedule"))
        for (const name of ACTOR_NAMES) expect(row(step, "works", ACTORS[name], documents), `${step} ${name}`).toBe(TABLE[step].works[name]);
    });

    test("the organiser in a wrong state hears invalid_transition, not documents_required; a stranger hears not_allowed", () => {
      const state = { kind: "works", status: "failed", documents: [] } as const;
      expect(caseStepDecision("schedule", state, ACTORS.tdHead)).toEqual({ ok: false, code: "invalid_transition" });
      expect(caseStepDecision("schedule", state, ACTORS.quality)).toEqual({ ok: false, code: "not_allowed" });
      expect(caseStepDecision("schedule", { ...state, status: "recorded" }, ACTORS.cs)).toEqual({ ok: false, code: "not_allowed" });
      expect(caseStepDecision("schedule", { ...state, status: "rectified" }, ACTORS.tdCustodian)).toEqual({ ok: false, code: "documents_required" });
    });

    test("worksDocumentsComplete over every set of document kinds (2^7)", () => {
      let complete = 0;
      for (let mask = 0; mask < 1 << DOCUMENT_KINDS.length; mask++) {
        const set = DOCUMENT_KINDS.filter((_, i) => mask & (1 << i));
        const expected = set.includes("design") && set.includes("test_report");
        expect(worksDocumentsComplete(set), set.join(",")).toBe(expected);
        if (expected) complete++;
      }
      expect(complete).toBe(32);
    });
  });

  describe("properties over any role and department", () => {
    const arbActor = fc.record({
      id: fc.constant("u-any"),
      role: fc.constantFrom(...ROLES),
      department: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
    });
    const arbDocs = fc.subarray([...DOCUMENT_KINDS]);

    test("nothing is allowed on a connected or cancelled case", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CASE_STEPS),
          fc.constantFrom(...CASE_KINDS),
          fc.constantFrom(...FINAL_CASE_STATUSES),
          arbActor,
          arbDocs,
          (step, kind, status, actor, docs) => {
            expect(caseStepDecision(step, { kind, status, documents: docs }, actor).ok).toBe(false);
          },
        ),
      );
    });

    test("not_allowed is about the person: for a step and kind it is all statuses or none", () => {
      fc.assert(
        fc.property(fc.constantFrom(...CASE_STEPS), fc.constantFrom(...CASE_KINDS), arbActor, arbDocs, (step, kind, actor, docs) => {
          const refused = CASE_STATUSES.map((status) => {
            const d = caseStepDecision(step, { kind, status, documents: docs }, actor);
            return !d.ok && d.code === "not_allowed";
          });
          expect(new Set(refused).size).toBe(1);
        }),
      );
    });

    test("submitRound looks at the state only (the inspectors are checked by roundSubmitDecision)", () => {
      fc.assert(
        fc.property(fc.constantFrom(...CASE_KINDS), fc.constantFrom(...CASE_STATUSES), arbActor, arbDocs, (kind, status, actor, docs) => {
          expect(caseStepDecision("submitRound", { kind, status, documents: docs }, actor)).toEqual(
            status === "scheduled" ? { ok: true } : { ok: false, code: "invalid_transition" },
          );
        }),
      );
    });

    test("the office's steps (all but submitRound and connect) need customer service or the kind's organiser", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CASE_STEPS),
          fc.constantFrom(...CASE_KINDS),
          fc.constantFrom(...CASE_STATUSES),
          arbActor,
          (step, kind, status, actor) => {
            if (step === "submitRound" || step === "connect") return;
            const d = caseStepDecision(step, { kind, status, documents: COMPLETE }, actor);
            if (d.ok) expect(isCustomerService(actor) || isOrganiser(actor, kind)).toBe(true);
          },
        ),
      );
    });

    test("a lineman never organises, schedules, writes letters or cancels; only connects", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CASE_KINDS),
          fc.constantFrom(...CASE_STATUSES),
          fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
          (kind, status, department) => {
            const lineman = { id: "l", role: "lineman", department } as const;
            expect(isOrganiser(lineman, kind)).toBe(false);
            for (const step of ["schedule", "cancelRound", "issueLetter", "reportRectified", "cancel"] as const)
              expect(caseStepDecision(step, { kind, status, documents: COMPLETE }, lineman)).toEqual({ ok: false, code: "not_allowed" });
          },
        ),
      );
    });
  });

  test("the organising departments, and who is customer service", () => {
    expect(ORGANISER_DEPARTMENT).toEqual({ pbx: "customer_service", works: "technology_development" });
    expect(ACTOR_NAMES.filter((n) => isCustomerService(ACTORS[n]))).toEqual(["cs", "csHead"]);
    expect(ACTOR_NAMES.filter((n) => isOrganiser(ACTORS[n], "pbx"))).toEqual(["cs", "csHead"]);
    expect(ACTOR_NAMES.filter((n) => isOrganiser(ACTORS[n], "works"))).toEqual(["tdCustodian", "tdHead"]);
    // the role counts for customer service even before a department is set; a head needs the department
    expect(isCustomerService({ id: "x", role: "customer_service", department: null })).toBe(true);
    expect(isCustomerService({ id: "x", role: "department_head", department: null })).toBe(false);
    expect(isOrganiser({ id: "x", role: "department_head", department: null }, "works")).toBe(false);
  });

  test("mayReadCases: organisers, terminal service, operations, quality, the general manager and admin", () => {
    expect(ACTOR_NAMES.filter((n) => mayReadCases(ACTORS[n]))).toEqual([
      "cs",
      "csHead",
      "tdCustodian",
      "tdHead",
      "tdLineman",
      "tsLineman",
      "tsHead",
      "quality",
      "admin",
      "gm",
    ]);
    expect(mayReadCases({ id: "x", role: "operations", department: "operations" })).toBe(true);
    expect(mayReadCases({ id: "x", role: "department_head", department: "finance" })).toBe(false);
    expect(mayReadCases({ id: "x", role: "department_head", department: "enterprise_management" })).toBe(false);
    expect(mayReadCases({ id: "x", role: "lineman", department: null })).toBe(false);
  });
});
