/** Issue 16: `propertyRound.submit` v1 (an inspection round from the phone) and the `propertyRounds` feed. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles } from "@/db/schema";
import { eq } from "drizzle-orm";
import { readableEvidence } from "@/server/evidence/access";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { SIGNATURE } from "@/tests/helpers/instruments";
import { feedRows, pullCaughtUp } from "@/tests/helpers/sync";
import { auditNamed, LABEL_PHOTO } from "@/tests/helpers/warehouse";
import {
  caseRow,
  inspect,
  lastRound,
  pbxInput,
  propertyPerson,
  results,
  schedule,
  signatures,
  submitArgs,
  versionOf,
  type TPropertyPerson,
} from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, lineman: TPropertyPerson, lineman2: TPropertyPerson, keeper: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  lineman2 = await propertyPerson(t.db, "lineman", "terminal_service");
  keeper = await propertyPerson(t.db, "warehouse_keeper", "finance");
});
afterAll(async () => t?.close());

const sha = (b64: string) => createHash("sha256").update(Buffer.from(b64, "base64")).digest("hex");

/** A recorded PBX application with a round scheduled for the lineman and customer service. */
async function scheduledCase() {
  const a = await service.caller.property.recordPbx(pbxInput());
  const r = await schedule(service, a.id, [lineman.id, service.id]);
  const round = await lastRound(service.caller, a.id);
  return { ...a, roundId: r.roundId, itemIds: round.items.map((i) => i.itemId) };
}

describe("propertyRound.submit", () => {
  it("in parts: results kept once per item, the last part signs and decides; the case passed; audited; a resent last part applies once", async () => {
    const c = await scheduledCase();
    const [first, ...rest] = c.itemIds;
    const part1 = {
      roundId: c.roundId,
      results: results([first!], [], { measurement: "24", photo: LABEL_PHOTO }),
      note: "",
      inspectedAt: new Date().toISOString(),
      final: false,
    };
    expect(await lineman.push("propertyRound.submit", part1)).toMatchObject({ status: "applied" });
    // the same part queued again after the app was closed: the stored result stays as it was
    expect(await lineman.push("propertyRound.submit", { ...part1, results: results([first!], [first!]) })).toMatchObject({ status: "applied" });
    let round = await lastRound(service.caller, c.id);
    expect(round.items[0]).toMatchObject({ result: "pass", measurement: "24", photoSha256: sha(LABEL_PHOTO.base64) });
    expect(round.status).toBe("scheduled");

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const last = {
      roundId: c.roundId,
      results: results(rest),
      signatures: signatures([lineman.id, service.id]),
      note: "现场合格",
      inspectedAt: future,
      final: true,
    };
    const mutationId = "0193a0b0-0000-7000-8000-00000000a001";
    expect(await lineman.push("propertyRound.submit", last, { mutationId })).toMatchObject({ status: "applied" });
    round = await lastRound(service.caller, c.id);
    expect(round).toMatchObject({ status: "passed", submittedBy: { id: lineman.id }, submitNote: "现场合格" });
    // the phone's clock said three days ahead: clamped to the server's now
    expect(round.inspectedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(round.inspectors.map((i) => i.signatureSha256)).toEqual([sha(SIGNATURE.base64), sha(SIGNATURE.base64)]);
    expect(round.inspectors.every((i) => i.signedAt !== null)).toBe(true);
    expect(await caseRow(t.db, c.id)).toMatchObject({ status: "passed", version: 3 });
    const [file] = await t.db
      .select({ mime: evidenceFiles.mime })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.sha256, sha(SIGNATURE.base64)));
    expect(file).toEqual({ mime: "image/png" });

    const audits = await auditNamed(t.db, c.id, "property.roundSubmitted");
    expect(audits.map((a) => (a.payload as { final: boolean }).final)).toEqual([false, false, true]);
    expect(audits[1]!.payload).toMatchObject({ results: [] });
    expect(audits[2]!.payload).toMatchObject({ verdict: "passed", roundNo: 1, signatures: [{ userId: lineman.id }, { userId: service.id }], mutationId });

    expect(await service.push("propertyRound.submit", last)).toMatchObject({ status: "already_in_state" });
    expect(await auditNamed(t.db, c.id, "property.roundSubmitted")).toHaveLength(3);
  });

  it("a failed item fails the round and the case; the signatures and photos are readable by the case readers and the inspectors only", async () => {
    const c = await scheduledCase();
    const photo = { mime: "image/jpeg" as const, base64: Buffer.from("a photo of the failed wiring").toString("base64") };
    const args = submitArgs(c.roundId, c.itemIds, { failed: [c.itemIds[1]!], signers: [lineman.id, service.id] });
    args.results[1]!.photo = photo;
    expect(await service.push("propertyRound.submit", args)).toMatchObject({ status: "applied" });
    expect((await caseRow(t.db, c.id)).status).toBe("failed");
    const round = await lastRound(service.caller, c.id);
    expect(round.status).toBe("failed");
    expect(round.items[1]).toMatchObject({ result: "fail", note: "不符合 / does not comply" });
    const read = (p: TPropertyPerson, sha256: string) => readableEvidence({ db: t.db, user: { ...p, username: "u", displayName: "u" }, sha256 });
    expect(await read(lineman2, sha(photo.base64))).not.toBeNull();
    expect(await read(keeper, sha(photo.base64))).toBeNull();
  });

  it("refuses: a person not named on the round; a missing signature; an item not of the round; items without a result; a cancelled round", async () => {
    const c = await scheduledCase();
    const whole = submitArgs(c.roundId, c.itemIds, { signers: [lineman.id, service.id] });
    expect(await lineman2.push("propertyRound.submit", whole)).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect(await lineman.push("propertyRound.submit", { ...whole, signatures: signatures([lineman.id]) })).toMatchObject({
      status: "rejected",
      reasonCode: "signatures_required",
      details: { missing: [service.id] },
    });
    expect(await lineman.push("propertyRound.submit", { ...whole, signatures: signatures([lineman.id, lineman2.id]) })).toMatchObject({
      status: "rejected",
      reasonCode: "not_allowed",
    });
    const stranger = "0193a0b0-0000-4000-8000-0000000000ff";
    expect(await lineman.push("propertyRound.submit", { ...whole, results: [...whole.results, ...results([stranger])] })).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
      details: { notInRound: [stranger] },
    });
    expect(await lineman.push("propertyRound.submit", { ...whole, results: whole.results.slice(1) })).toMatchObject({
      status: "rejected",
      reasonCode: "invalid_transition",
      details: { missing: [c.itemIds[0]] },
    });
    expect(await lineman.push("propertyRound.submit", { ...whole, signatures: [] })).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
    expect(await lineman.push("propertyRound.submit", { ...whole, roundId: stranger })).toMatchObject({ status: "rejected", reasonCode: "not_found" });
    // nothing of the refused submissions was kept
    expect((await lastRound(service.caller, c.id)).items.every((i) => i.result === null)).toBe(true);

    await service.caller.property.cancelRound({ caseId: c.id, version: await versionOf(service.caller, c.id), note: "" });
    expect(await lineman.push("propertyRound.submit", whole)).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
  });
});

describe("feed propertyRounds", () => {
  it("only the rounds the user is named on, with the case, inspectors, items and the previous round's results", async () => {
    const c = await scheduledCase();
    const mine = feedRows(await pullCaughtUp(lineman.caller, lineman.deviceId, t.db), "propertyRounds").filter((r) => r.caseId === c.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: c.roundId,
      caseCode: c.code,
      kind: "pbx",
      roundNo: 1,
      status: "scheduled",
      customerName: expect.any(String) as unknown,
      details: { certificateNo: "03-A511-240178" },
      inspectors: [
        { userId: service.id, name: "Test customer_service", department: "customer_service" },
        { userId: lineman.id, name: "Test lineman", department: "terminal_service" },
      ],
    });
    expect(mine[0]!.items.map((i) => i.itemId)).toEqual(c.itemIds);
    expect(mine[0]!.items.every((i) => i.previous === null)).toBe(true);
    expect(feedRows(await pullCaughtUp(lineman2.caller, lineman2.deviceId, t.db), "propertyRounds").some((r) => r.caseId === c.id)).toBe(false);

    await inspect(lineman, service.caller, c.id, { failed: [0], signers: [lineman.id, service.id] });
    await service.caller.property.reportRectified({ caseId: c.id, version: await versionOf(service.caller, c.id), note: "" });
    await schedule(service, c.id, [lineman2.id]);
    const second = feedRows(await pullCaughtUp(lineman2.caller, lineman2.deviceId, t.db), "propertyRounds").filter((r) => r.caseId === c.id);
    expect(second.map((r) => r.roundNo)).toEqual([2]);
    expect(second[0]!.items).toEqual([
      expect.objectContaining({ itemId: c.itemIds[0], previous: { result: "fail", measurement: "", note: "不符合 / does not comply" } }),
    ]);
    // the first round, submitted, is still on the lineman's phone as sent
    const sent = feedRows(await pullCaughtUp(lineman.caller, lineman.deviceId, t.db), "propertyRounds").filter((r) => r.caseId === c.id);
    expect(sent.map((r) => [r.roundNo, r.status])).toEqual([[1, "failed"]]);
  });
});
