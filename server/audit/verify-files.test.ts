import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { propertyRoundItems } from "@/db/schema";
import { verifyEvidence } from "@/server/audit/verify";
import { storeEvidence } from "@/server/evidence/service";
import { scribblePng } from "@/server/seed/property-files";
import { caseRow, inspectedRound, person } from "@/server/property/works.fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

/**
 * Every record that names an evidence file is checked, not only the work order's (server/audit/verify.ts
 * FILE_REFERENCES): a customer-built works inspection's photos (a list per item) and its inspectors' signatures.
 */
describe("evidence files named by property inspections", () => {
  let t: TestDb;
  let roundId: string;
  let itemId: string;
  let photos: string[];
  let signature: string;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const clerk = await person(t.db, "customer_service", "customer_service");
    const tech = await person(t.db, "department_head", "technology_development");
    const caseId = await caseRow(t.db, clerk, { kind: "works", status: "scheduled", code: "CW-2026-9001" });
    ({ roundId } = await inspectedRound(t.db, { caseId, kind: "works", by: tech, inspectors: [tech], failed: true }));
    const png = (n: number) => ({ mime: "image/png" as const, base64: scribblePng(100 + n).toString("base64") });
    photos = [await storeEvidence(t.db, { photo: png(1), userId: tech.id }), await storeEvidence(t.db, { photo: png(2), userId: tech.id })];
    const [item] = await t.db.select().from(propertyRoundItems).where(eq(propertyRoundItems.roundId, roundId)).limit(1);
    itemId = item!.itemId;
    await t.db.update(propertyRoundItems).set({ photoSha256s: photos }).where(eq(propertyRoundItems.itemId, itemId));
    const [inspector] = rowsOf<{ signature_sha256: string }>(
      await t.db.execute(sql`select signature_sha256 from property_round_inspectors where round_id = ${roundId}`),
    );
    signature = inspector!.signature_sha256;
  });
  afterAll(async () => t?.close());

  const remove = (sha: string) =>
    t.asOwner(async (owner) => {
      await owner.execute(sql.raw("ALTER TABLE evidence_files DISABLE TRIGGER USER"));
      try {
        await owner.execute(sql`DELETE FROM evidence_files WHERE sha256 = ${sha}`);
      } finally {
        await owner.execute(sql.raw("ALTER TABLE evidence_files ENABLE TRIGGER USER"));
      }
    });

  it("all present: verified", async () => {
    expect((await verifyEvidence(t.db)).firstProblem).toBeNull();
  });

  it("the second photo of an item removed: named with the round and the item", async () => {
    await remove(photos[1]!);
    expect((await verifyEvidence(t.db)).firstProblem).toEqual({
      kind: "file_missing",
      source: "property_round_items",
      rowId: `${roundId}/${itemId}`,
      sha256: photos[1],
    });
  });

  it("an inspector's signature removed: named too", async () => {
    await t.db
      .update(propertyRoundItems)
      .set({ photoSha256s: [photos[0]!] })
      .where(eq(propertyRoundItems.itemId, itemId));
    await remove(signature);
    expect((await verifyEvidence(t.db)).firstProblem).toMatchObject({ kind: "file_missing", source: "property_round_inspectors", sha256: signature });
  });
});

describe("a works agreement's signature, kept in the case's details", () => {
  let t: TestDb;
  afterAll(async () => t?.close());

  it("removed: named with the case", async () => {
    t = await createTestDb({ seed: true });
    const clerk = await person(t.db, "customer_service", "customer_service");
    const caseId = await caseRow(t.db, clerk, { kind: "works", status: "recorded", code: "CW-2026-9002" });
    const sha = await storeEvidence(t.db, { photo: { mime: "image/png", base64: scribblePng(7).toString("base64") }, userId: clerk.id });
    await t.asOwner(async (owner) => {
      await owner.execute(sql`UPDATE property_cases SET details = jsonb_set(details, '{signatureSha256}', to_jsonb(${sha}::text)) WHERE id = ${caseId}`);
    });
    expect((await verifyEvidence(t.db)).firstProblem).toBeNull();
    await t.asOwner(async (owner) => {
      await owner.execute(sql.raw("ALTER TABLE evidence_files DISABLE TRIGGER USER"));
      try {
        await owner.execute(sql`DELETE FROM evidence_files WHERE sha256 = ${sha}`);
      } finally {
        await owner.execute(sql.raw("ALTER TABLE evidence_files ENABLE TRIGGER USER"));
      }
    });
    expect((await verifyEvidence(t.db)).firstProblem).toEqual({ kind: "file_missing", source: "property_cases", rowId: caseId, sha256: sha });
  });
});
