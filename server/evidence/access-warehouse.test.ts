import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptanceForms, evidenceFiles, receipts, sites } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { readableEvidence } from "@/server/evidence/access";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeZone } from "@/tests/helpers/warehouse";
import { makeUser } from "@/tests/helpers/users";

/** Who sees the inspector's signature on a Quality Acceptance Form: the warehouse's register readers and the form's department. */
let t: TestDb;
const people = new Map<string, Awaited<ReturnType<typeof makeUser>>>();
let signature: string;

beforeAll(async () => {
  t = await createTestDb();
  const who: [string, TRole, TDepartment][] = [
    ["inspector", "lineman", "terminal_service"],
    ["sameDept", "lineman", "terminal_service"],
    ["keeper", "warehouse_keeper", "finance"],
    ["quality", "quality", "enterprise_management"],
    ["otherDept", "lineman", "operations"],
    ["otherHead", "department_head", "operations"],
    ["custodian", "instrument_custodian", "technology_development"],
  ];
  for (const [key, role, department] of who) people.set(key, await makeUser(t.db, { role, department }));
  const png = Buffer.from("a signature drawn on screen");
  signature = createHash("sha256").update(png).digest("hex");
  await t.db
    .insert(evidenceFiles)
    .values({ sha256: signature, mime: "image/png", size: png.length, data: new Uint8Array(png), createdBy: people.get("inspector")!.id });
  await t.db.insert(sites).values({ code: "WH1", nameZh: "仓库", nameEn: "Warehouse", address: "" }).onConflictDoNothing();
  const zone = await makeZone(t.db, { kind: "inspection" });
  const receiptId = randomUUID();
  await t.db.insert(receipts).values({
    id: receiptId,
    code: "RC-20261206-0001",
    purchaseRequest: "PR-1",
    department: "terminal_service",
    supplier: "S",
    deliveryNote: "DN-1",
    inspectionZone: zone,
    status: "inspected",
    receivedBy: people.get("keeper")!.id,
    receivedAt: new Date(),
  });
  await t.db.insert(acceptanceForms).values({
    receiptId,
    code: "QA-20261206-0001",
    department: "terminal_service",
    inspectorId: people.get("inspector")!.id,
    signatureSha256: signature,
  });
});

afterAll(async () => {
  await t.close();
});

describe("evidence of a Quality Acceptance Form", () => {
  it.each([
    ["inspector", true],
    ["sameDept", true],
    ["keeper", true],
    ["quality", true],
    ["otherDept", false],
    ["otherHead", true],
    ["custodian", false],
  ])("%s reads the inspector's signature: %s", async (key, readable) => {
    const u = people.get(key)!;
    const user = { id: u.id, username: u.username, displayName: u.displayName, role: u.role, department: u.department };
    const got = await readableEvidence({ db: t.db, user, sha256: signature });
    expect(got !== null).toBe(readable);
  });
});
