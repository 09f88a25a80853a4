/**
 * Issue 16, P2: the round's team. Customer service organises a PBX inspection "with the departments concerned (terminal
 * service verifies, others as needed)": a PBX round names an inspector of terminal service; on every round (PBX and
 * works) each department listed names at least one of its people, and each named inspector signs when it is submitted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDepartment } from "@/domain/auth/roles";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditNamed, noticesTo } from "@/tests/helpers/warehouse";
import {
  caseRow,
  inspect,
  lastRound,
  pbxInput,
  propertyPerson,
  schedule,
  signatures,
  submitArgs,
  versionOf,
  worksCase,
  type TPropertyPerson,
} from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, service2: TPropertyPerson, techHead: TPropertyPerson, custodian: TPropertyPerson;
let lineman: TPropertyPerson, ops: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  service2 = await propertyPerson(t.db, "customer_service", "customer_service");
  techHead = await propertyPerson(t.db, "department_head", "technology_development");
  custodian = await propertyPerson(t.db, "instrument_custodian", "technology_development");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  ops = await propertyPerson(t.db, "operations", "operations");
});
afterAll(async () => t?.close());

/** The refusal's rule and departments; the case is left as it was (recorded, no round, nobody noticed). */
async function expectRefused(org: TPropertyPerson, caseId: string, call: Promise<unknown>, rule: string, departments: TDepartment[]) {
  const before = await caseRow(t.db, caseId);
  const shape = await expectAppError(call, "rule_violation");
  expect(shape.data.details).toEqual({ rule, status: before.status, departments });
  const after = await caseRow(t.db, caseId);
  expect({ status: after.status, rounds: after.rounds, version: after.version }).toEqual({
    status: before.status,
    rounds: before.rounds,
    version: before.version,
  });
  expect((await org.caller.property.get({ id: caseId })).rounds.filter((r) => r.status === "scheduled")).toEqual([]);
}

describe("a PBX round: terminal service verifies", () => {
  it("refused without a terminal-service inspector, whatever the departments listed; nothing scheduled, nobody noticed", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    // customer service alone, terminal service not listed
    await expectRefused(service, a.id, schedule(service, a.id, [service.id]), "verifier_required", ["terminal_service"]);
    // terminal service listed, but nobody of it named
    await expectRefused(
      service,
      a.id,
      schedule(service, a.id, [service.id, ops.id], { departments: ["terminal_service", "customer_service", "operations"] }),
      "verifier_required",
      ["terminal_service"],
    );
    // a terminal-service inspector named, but the department not listed
    await expectRefused(service, a.id, schedule(service, a.id, [lineman.id, service.id], { departments: ["customer_service"] }), "verifier_required", [
      "terminal_service",
    ]);
    expect(await noticesTo(t.db, service.id, "property.roundAssigned")).toEqual([]);
    expect(await auditNamed(t.db, a.id, "property.roundScheduled")).toEqual([]);
  });

  it("accepted with a terminal-service inspector (alone, or with customer service and others as needed)", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    const r = await schedule(service, a.id, [lineman.id]);
    expect(r.roundNo).toBe(1);
    const round = await lastRound(service.caller, a.id);
    expect(round.departments).toEqual(["terminal_service"]);
    expect(round.inspectors.map((i) => i.department)).toEqual(["terminal_service"]);

    const b = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, b.id, [service.id, lineman.id, ops.id]);
    const second = await lastRound(service.caller, b.id);
    expect(second.departments).toEqual(["customer_service", "terminal_service", "operations"]);
    expect((await caseRow(t.db, b.id)).status).toBe("scheduled");
  });

  it("refused when a listed department names nobody (department_inspector_required, those departments)", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await expectRefused(
      service,
      a.id,
      schedule(service, a.id, [lineman.id], { departments: ["terminal_service", "customer_service", "operations"] }),
      "department_inspector_required",
      ["customer_service", "operations"],
    );
    await schedule(service, a.id, [lineman.id, service.id], { departments: ["terminal_service", "customer_service"] });
    expect((await caseRow(t.db, a.id)).status).toBe("scheduled");
  });

  it("a re-inspection follows the same rule", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id]);
    await inspect(lineman, service.caller, a.id, { failed: [0], signers: [lineman.id] });
    await service.caller.property.reportRectified({ caseId: a.id, version: await versionOf(service.caller, a.id), note: "" });
    await expectRefused(service, a.id, schedule(service, a.id, [service.id]), "verifier_required", ["terminal_service"]);
    expect((await schedule(service, a.id, [lineman.id])).roundNo).toBe(2);
  });

  it("the submission still needs every named inspector's signature: the terminal-service inspector's too", async () => {
    const a = await service.caller.property.recordPbx(pbxInput());
    await schedule(service, a.id, [lineman.id, service.id, service2.id]);
    const round = await lastRound(service.caller, a.id);
    const whole = submitArgs(
      round.id,
      round.items.map((i) => i.itemId),
      { signers: [service.id, service2.id] },
    );
    expect(await service.push("propertyRound.submit", whole)).toMatchObject({
      status: "rejected",
      reasonCode: "signatures_required",
      details: { missing: [lineman.id] },
    });
    // one of two customer-service inspectors signing does not stand for the other
    expect(await service.push("propertyRound.submit", { ...whole, signatures: signatures([lineman.id, service.id]) })).toMatchObject({
      status: "rejected",
      reasonCode: "signatures_required",
      details: { missing: [service2.id] },
    });
    expect((await caseRow(t.db, a.id)).status).toBe("scheduled");
    expect(await service.push("propertyRound.submit", { ...whole, signatures: signatures([lineman.id, service.id, service2.id]) })).toMatchObject({
      status: "applied",
    });
    const done = await lastRound(service.caller, a.id);
    expect(done.status).toBe("passed");
    expect(done.inspectors.every((i) => i.signedAt !== null)).toBe(true);
  });
});

describe("a works round: no department is required, but every listed one names an inspector", () => {
  it("accepted without terminal service: Technology Development alone, or with customer service named", async () => {
    const w = await worksCase(t.db, service.id);
    await schedule(techHead, w.id, [custodian.id]);
    expect((await lastRound(techHead.caller, w.id)).departments).toEqual(["technology_development"]);

    const w2 = await worksCase(t.db, service.id);
    await schedule(techHead, w2.id, [custodian.id, service.id]);
    expect((await lastRound(techHead.caller, w2.id)).departments).toEqual(["technology_development", "customer_service"]);
  });

  it("refused when a listed department names nobody", async () => {
    const w = await worksCase(t.db, service.id);
    await expectRefused(
      techHead,
      w.id,
      schedule(techHead, w.id, [custodian.id], { departments: ["technology_development", "customer_service"] }),
      "department_inspector_required",
      ["customer_service"],
    );
    await expectRefused(techHead, w.id, schedule(techHead, w.id, [custodian.id], { departments: ["terminal_service"] }), "department_inspector_required", [
      "terminal_service",
    ]);
  });

  it("the rules before the team are unchanged: documents first, and only the organisers", async () => {
    const w = await worksCase(t.db, service.id, ["design"]);
    // a team that would be refused: the documents are said first
    const shape = await expectAppError(schedule(techHead, w.id, [custodian.id], { departments: ["customer_service"] }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "documents_required" });
    await expectAppError(schedule(service, w.id, [custodian.id], { departments: ["customer_service"] }), "forbidden");
  });
});
