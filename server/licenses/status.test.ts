import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { licenseImports, licenseRegistry } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

const csv = (...lines: string[]) => ["license_no,mark_code,applicant,equipment_name,model,issue_date,expiry_date", ...lines].join("\n");

let t: TestDb;
let admin: Caller;
let service: Caller;
let lineman: Caller;

beforeAll(async () => {
  t = await createTestDb();
  const as = async (role: "admin" | "customer_service" | "lineman") => {
    const u = await makeUser(t.db, { role });
    return (await login(t.db, u.username, u.password)).caller;
  };
  admin = await as("admin");
  service = await as("customer_service");
  lineman = await as("lineman");
});
afterAll(async () => {
  await t?.close();
});

describe("licenses.status and licenses.lookup", () => {
  it("an empty registry: no rows, no version", async () => {
    expect(await service.licenses.status()).toEqual({ count: 0, version: null, recentImports: [] });
    expect(await service.licenses.lookup({ licenseNo: "00-D710-208870" })).toMatchObject({ entry: null, version: null });
  });

  it("after an import: count, version, and entries found by license number or by mark code", async () => {
    const r = await admin.licenses.import({
      csv: csv("00-D710-208870,2023123456789012,Acme,电话机,KX-T7730,2024-03-01,2027-03-01", "01-B233-190021,,B Co,传真机,F1,2023-08-15,2026-08-15"),
    });
    const status = await service.licenses.status();
    expect(status).toMatchObject({ count: 2, version: r.version });
    expect(status.recentImports).toHaveLength(1);

    const byNo = await service.licenses.lookup({ licenseNo: " 00-D710-208870 " });
    expect(byNo.entry).toMatchObject({
      licenseNo: "00-D710-208870",
      markCode: "2023123456789012",
      applicant: "Acme",
      model: "KX-T7730",
      issueDate: "2024-03-01",
      expiryDate: "2027-03-01",
    });
    // its standing on the operator's today, which the answer names
    expect(byNo.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byNo.entry!.standing).toBe(byNo.today > "2027-03-01" ? "expired" : "in_force");
    expect(byNo.version).toEqual(r.version);
    expect((await admin.licenses.lookup({ markCode: "2023123456789012" })).entry?.licenseNo).toBe("00-D710-208870");
    expect((await admin.licenses.lookup({ markCode: "2023123456789013" })).entry).toBeNull();
  });

  it("lookup input is checked: a malformed number or code is bad_input", async () => {
    for (const input of [{ licenseNo: "00-d710-208870" }, { markCode: "12" }, {}, { licenseNo: "x".repeat(10_000) }]) {
      await expectAppError(service.licenses.lookup(input as never), "bad_input");
    }
  });

  it("customer service sees the registry but cannot import; a lineman can do neither (the phone holds its own copy)", async () => {
    await expectAppError(service.licenses.import({ csv: csv("02-C124-211345,,A,B,C,2024-01-01,2029-01-01") }), "forbidden");
    await expectAppError(lineman.licenses.status(), "forbidden");
    await expectAppError(lineman.licenses.lookup({ licenseNo: "00-D710-208870" }), "forbidden");
  });

  it("two imports at once are applied one after the other: both complete, versions in commit order", async () => {
    // the second swaps mark codes the first sets: run together without the lock they could collide on the index
    const a = csv("40-D400-000001,4000000000000001,A,B,M1,2024-01-01,2029-01-01", "40-D400-000002,4000000000000002,A,B,M2,2024-01-01,2029-01-01");
    const b = csv("40-D400-000001,4000000000000002,A,B,M1,2024-01-01,2029-01-01", "40-D400-000002,4000000000000001,A,B,M2,2024-01-01,2029-01-01");
    const [ra, rb] = await Promise.all([admin.licenses.import({ csv: a }), admin.licenses.import({ csv: b })]);
    expect([ra.badCount, rb.badCount]).toEqual([0, 0]);
    const imports = await t.db.select().from(licenseImports).orderBy(asc(licenseImports.id));
    const times = imports.map((i) => i.importedAt.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // the import that committed last decides the codes
    const last = ra.version!.getTime() > rb.version!.getTime() ? ["4000000000000001", "4000000000000002"] : ["4000000000000002", "4000000000000001"];
    const rows = await t.db.select().from(licenseRegistry).orderBy(asc(licenseRegistry.licenseNo));
    expect(rows.filter((r) => r.licenseNo.startsWith("40-")).map((r) => r.markCode)).toEqual(last);
    expect((await service.licenses.status()).version!.getTime()).toBe(Math.max(...times));
  });
});
