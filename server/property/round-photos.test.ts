/**
 * Issue 16: several photos per item of an inspection round, through the phone's push (`propertyRound.submit` v1), with
 * a result queued by an older phone (one `photo`) beside them; migration 0030 (photo_sha256s, the first photo kept in
 * photo_sha256 whoever writes). PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles, propertyRoundItems } from "@/db/schema";
import { MAX_ROUND_ITEM_PHOTOS } from "@/domain/property/model";
import { readableEvidence } from "@/server/evidence/access";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { auditNamed } from "@/tests/helpers/warehouse";
import { lastRound, pbxInput, propertyPerson, results, schedule, signatures, type TPropertyPerson } from "./cases.fixtures";

let t: TestDb;
let service: TPropertyPerson, lineman: TPropertyPerson, keeper: TPropertyPerson;

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  service = await propertyPerson(t.db, "customer_service", "customer_service");
  lineman = await propertyPerson(t.db, "lineman", "terminal_service");
  keeper = await propertyPerson(t.db, "warehouse_keeper", "finance");
});
afterAll(async () => t?.close());

let made = 0;
/** A photo as the phone sends it, different each call unless the same `text` is given. */
const photo = (text = `round item photo ${++made} ${Date.now()}`) => ({ mime: "image/jpeg" as const, base64: Buffer.from(text).toString("base64") });
const sha = (p: { base64: string }) => createHash("sha256").update(Buffer.from(p.base64, "base64")).digest("hex");

/** A recorded PBX application with a round scheduled for the lineman and customer service. */
async function scheduledCase() {
  const a = await service.caller.property.recordPbx(pbxInput());
  const r = await schedule(service, a.id, [lineman.id, service.id]);
  const round = await lastRound(service.caller, a.id);
  return { ...a, roundId: r.roundId, itemIds: round.items.map((i) => i.itemId) };
}

async function storedItems(roundId: string) {
  const rows = await t.db
    .select({ itemId: propertyRoundItems.itemId, photoSha256: propertyRoundItems.photoSha256, photoSha256s: propertyRoundItems.photoSha256s })
    .from(propertyRoundItems)
    .where(eq(propertyRoundItems.roundId, roundId));
  return new Map(rows.map((r) => [r.itemId, r]));
}

describe("propertyRound.submit with several photos per item", () => {
  it("in parts: each item's photos stored in order as evidence; an older phone's one `photo` stored as a list of one", async () => {
    const c = await scheduledCase();
    expect(c.itemIds.length).toBeGreaterThanOrEqual(3);
    const [many, old, none, ...rest] = c.itemIds as [string, string, string, ...string[]];
    const four = Array.from({ length: MAX_ROUND_ITEM_PHOTOS }, () => photo());
    const single = photo();
    const part1 = {
      roundId: c.roundId,
      results: results([many], [many], { measurement: "12", photos: four }),
      note: "",
      inspectedAt: new Date().toISOString(),
      final: false,
    };
    expect(await lineman.push("propertyRound.submit", part1)).toMatchObject({ status: "applied" });
    // the same part queued again (the app closed before it was marked): what is stored stays as it was
    expect(await lineman.push("propertyRound.submit", { ...part1, results: results([many], [many], { photos: [photo()] }) })).toMatchObject({
      status: "applied",
    });
    let stored = await storedItems(c.roundId);
    expect(stored.get(many)).toMatchObject({ photoSha256s: four.map(sha), photoSha256: sha(four[0]!) });

    const last = {
      roundId: c.roundId,
      // an older phone's result (one `photo`), one with two photos, one with none
      results: [...results([old], [], { photo: single }), ...results([none]), ...results(rest, [], { photos: [photo(), photo()] })],
      signatures: signatures([lineman.id, service.id]),
      note: "",
      inspectedAt: new Date().toISOString(),
      final: true,
    };
    expect(await lineman.push("propertyRound.submit", last)).toMatchObject({ status: "applied" });
    stored = await storedItems(c.roundId);
    expect(stored.get(old)).toMatchObject({ photoSha256s: [sha(single)], photoSha256: sha(single) });
    expect(stored.get(none)).toMatchObject({ photoSha256s: [], photoSha256: null });
    for (const id of rest) expect(stored.get(id)!.photoSha256s).toHaveLength(2);

    // every photo is in the evidence store, once, as sent
    const all = [...stored.values()].flatMap((r) => r.photoSha256s);
    expect(all).toHaveLength(MAX_ROUND_ITEM_PHOTOS + 1 + 2 * rest.length);
    const files = await t.db
      .select({ sha256: evidenceFiles.sha256, mime: evidenceFiles.mime, size: evidenceFiles.size })
      .from(evidenceFiles)
      .where(inArray(evidenceFiles.sha256, all));
    expect(files).toHaveLength(new Set(all).size);
    expect(files.find((f) => f.sha256 === sha(four[3]!))).toEqual({
      sha256: sha(four[3]!),
      mime: "image/jpeg",
      size: Buffer.from(four[3]!.base64, "base64").length,
    });

    // the office reads them all (and the first, as it read one before)
    const round = await lastRound(service.caller, c.id);
    expect(round.status).toBe("failed");
    const item = round.items.find((i) => i.itemId === many)!;
    expect(item).toMatchObject({ result: "fail", photoSha256s: four.map(sha), photoSha256: sha(four[0]!) });
    expect(round.items.find((i) => i.itemId === none)).toMatchObject({ photoSha256s: [], photoSha256: null });

    // audited with every photo of each item
    const audits = await auditNamed(t.db, c.id, "property.roundSubmitted");
    expect(audits).toHaveLength(3);
    const first = audits[0]!.payload as { results: { photoSha256: string | null; photoSha256s: string[] }[] };
    expect(first.results).toEqual([expect.objectContaining({ photoSha256: sha(four[0]!), photoSha256s: four.map(sha) })]);

    // any photo of an item, not only its first, is readable by the case readers and the round's inspectors only
    const read = (p: TPropertyPerson, sha256: string) => readableEvidence({ db: t.db, user: { ...p, username: "u", displayName: "u" }, sha256 });
    expect(await read(service, sha(four[3]!))).not.toBeNull();
    expect(await read(lineman, sha(four[2]!))).not.toBeNull();
    expect(await read(keeper, sha(four[3]!))).toBeNull();
  });

  it("the same picture twice on an item is listed once; one picture on two items is one file", async () => {
    const c = await scheduledCase();
    const [a, b, ...rest] = c.itemIds as [string, string, ...string[]];
    const same = photo(`the same picture ${Date.now()}`);
    const other = photo();
    const args = {
      roundId: c.roundId,
      results: [...results([a], [], { photos: [same, other, same] }), ...results([b], [], { photos: [same] }), ...results(rest)],
      signatures: signatures([lineman.id, service.id]),
      note: "",
      inspectedAt: new Date().toISOString(),
      final: true,
    };
    expect(await lineman.push("propertyRound.submit", args)).toMatchObject({ status: "applied" });
    const stored = await storedItems(c.roundId);
    expect(stored.get(a)!.photoSha256s).toEqual([sha(same), sha(other)]);
    expect(stored.get(b)!.photoSha256s).toEqual([sha(same)]);
    expect(
      await t.db
        .select({ sha256: evidenceFiles.sha256 })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha(same))),
    ).toHaveLength(1);
  });

  it("refused as bad input, nothing kept: more photos than the limit; `photo` and photos on one result", async () => {
    const c = await scheduledCase();
    const whole = (extra: Record<string, unknown>) => ({
      roundId: c.roundId,
      results: [{ ...results([c.itemIds[0]!])[0]!, ...extra }, ...results(c.itemIds.slice(1))],
      signatures: signatures([lineman.id, service.id]),
      note: "",
      inspectedAt: new Date().toISOString(),
      final: true,
    });
    const tooMany = Array.from({ length: MAX_ROUND_ITEM_PHOTOS + 1 }, () => photo());
    expect(await lineman.push("propertyRound.submit", whole({ photos: tooMany }))).toMatchObject({
      status: "rejected",
      reasonCode: "bad_input",
      details: { field: "results.0.photos", message: "property.validation.tooManyPhotos" },
    });
    const both = whole({ photo: photo(), photos: [photo()] });
    expect(await lineman.push("propertyRound.submit", both)).toMatchObject({
      status: "rejected",
      reasonCode: "bad_input",
      details: { field: "results.0.photos", message: "property.validation.photoAndPhotos" },
    });
    expect((await lastRound(service.caller, c.id)).items.every((i) => i.result === null && i.photoSha256s.length === 0)).toBe(true);
    const files = await t.db
      .select({ sha256: evidenceFiles.sha256 })
      .from(evidenceFiles)
      .where(inArray(evidenceFiles.sha256, tooMany.map(sha)));
    expect(files).toEqual([]);
  });
});

describe("migration 0030: photo_sha256 is the first of photo_sha256s, whoever writes", () => {
  it("a writer from before (photo_sha256 alone) makes its photo the list; a writer of the list keeps the first in photo_sha256", async () => {
    const c = await scheduledCase();
    const [a, b] = c.itemIds as [string, string];
    const where = (itemId: string) => and(eq(propertyRoundItems.roundId, c.roundId), eq(propertyRoundItems.itemId, itemId));
    const [x, y] = [sha(photo()), sha(photo())];
    // a process of the previous release, still running during a restart, writes one photo as it did
    await t.db.update(propertyRoundItems).set({ result: "pass", photoSha256: x }).where(where(a));
    expect((await storedItems(c.roundId)).get(a)).toMatchObject({ photoSha256: x, photoSha256s: [x] });
    // …and takes it away
    await t.db.update(propertyRoundItems).set({ photoSha256: null }).where(where(a));
    expect((await storedItems(c.roundId)).get(a)).toMatchObject({ photoSha256: null, photoSha256s: [] });
    // today's writer: the list decides, photo_sha256 follows (even when told otherwise)
    await t.db
      .update(propertyRoundItems)
      .set({ photoSha256s: [y, x] })
      .where(where(b));
    expect((await storedItems(c.roundId)).get(b)).toMatchObject({ photoSha256: y, photoSha256s: [y, x] });
    await t.db
      .update(propertyRoundItems)
      .set({ photoSha256s: [x], photoSha256: y })
      .where(where(b));
    expect((await storedItems(c.roundId)).get(b)).toMatchObject({ photoSha256: x, photoSha256s: [x] });
    // a write of other fields leaves both as they are
    await t.db.update(propertyRoundItems).set({ note: "复核" }).where(where(b));
    expect((await storedItems(c.roundId)).get(b)).toMatchObject({ photoSha256: x, photoSha256s: [x] });
  });
});
