import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, licenseImports, licenseRegistry } from "@/db/schema";
import { LICENSE_BAD_ROWS_SHOWN } from "@/domain/licenses/csv-format";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

const HEADER = "进网许可证号,标志编码,申请单位,设备名称,型号,发证日期,有效期至";
const csv = (...lines: string[]) => `\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`;

let t: TestDb;
let admin: Caller;
let adminId: string;

beforeAll(async () => {
  t = await createTestDb();
  const u = await makeUser(t.db, { role: "admin" });
  adminId = u.id;
  admin = (await login(t.db, u.username, u.password)).caller;
});
afterAll(async () => {
  await t?.close();
});

const registry = () => t.db.select().from(licenseRegistry).orderBy(asc(licenseRegistry.licenseNo));
const entry = async (licenseNo: string) => (await t.db.select().from(licenseRegistry).where(eq(licenseRegistry.licenseNo, licenseNo)))[0];

describe("licenses.import", () => {
  it("keeps the good rows and reports each bad row with its line and reasons; records the import and its audit event", async () => {
    const file = csv(
      "10-A100-000001,2023000000000001,华为技术有限公司,GPON 光网络单元,HG8245H,2022-05-10,2027-05-10",
      "10-A100-00002,,Bad Number Ltd,电话机,X1,2022-05-10,2027-05-10", // line 3: number
      '10-A100-000003,,"Acme, Inc.",电话机,KX-T7730,2024/3/1,2029年2月28日',
      "10-A100-000004,,=cmd|' /C calc'!A0,电话机,X1,2024-03-01,2023-03-01", // line 5: formula + dates
      "",
      "10-A100-000005,,Dup Co,传真机,F1,2024-03-01,2027-03-01", // line 7: duplicate of line 8
      "10-A100-000005,,Dup Co,传真机,F1,2024-03-01,2027-03-01",
    );
    const result = await admin.licenses.import({ csv: file, fileName: "registry 2026-11.csv" });

    expect(result).toMatchObject({ imported: 2, updated: 0, unchanged: 0, badCount: 4, ignoredColumns: [] });
    expect(result.bad).toEqual([
      { line: 3, licenseNo: "10-A100-00002", reasons: [{ code: "license_no_format", field: "licenseNo" }] },
      {
        line: 5,
        licenseNo: "10-A100-000004",
        reasons: [
          { code: "formula", field: "applicant" },
          { code: "expiry_before_issue", field: "expiryDate" },
        ],
      },
      { line: 7, licenseNo: "10-A100-000005", reasons: [{ code: "duplicate_license_no", field: "licenseNo", lines: [8] }] },
      { line: 8, licenseNo: "10-A100-000005", reasons: [{ code: "duplicate_license_no", field: "licenseNo", lines: [7] }] },
    ]);
    expect(result.version).toBeInstanceOf(Date);

    expect((await registry()).map((r) => [r.licenseNo, r.markCode, r.applicant, r.model, r.issueDate, r.expiryDate])).toEqual([
      ["10-A100-000001", "2023000000000001", "华为技术有限公司", "HG8245H", "2022-05-10", "2027-05-10"],
      ["10-A100-000003", null, "Acme, Inc.", "KX-T7730", "2024-03-01", "2029-02-28"],
    ]);

    const [imp] = await t.db.select().from(licenseImports).where(eq(licenseImports.id, result.importId!));
    expect(imp).toMatchObject({ importedBy: adminId, rowsOk: 2, rowsBad: 4 });
    expect(imp!.importedAt.getTime()).toBe(result.version!.getTime());

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(result.importId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      name: "license.imported",
      actorId: adminId,
      subjectType: "license_import",
      payload: {
        rowsOk: 2,
        rowsBad: 4,
        inserted: 2,
        updated: 0,
        unchanged: 0,
        fileName: "registry 2026-11.csv",
        sha256: createHash("sha256").update(file).digest("hex"),
      },
    });
    // the audit row joined the hash chain in the same transaction
    expect(audit[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("re-import: changed rows are updated (new txid, phones pull them), identical rows untouched, new rows added; the version moves on", async () => {
    const before = new Map((await registry()).map((r) => [r.licenseNo, r]));
    const status0 = await admin.licenses.status();
    const result = await admin.licenses.import({
      csv: csv(
        "10-A100-000001,2023000000000001,华为技术有限公司,GPON 光网络单元,HG8245H,2022-05-10,2030-05-10", // expiry extended
        '10-A100-000003,,"Acme, Inc.",电话机,KX-T7730,2024-03-01,2029-02-28', // identical (dates written differently before)
        "10-A100-000006,,New Co,路由器,R1,2025-01-01,2028-01-01",
      ),
    });
    expect(result).toMatchObject({ imported: 1, updated: 1, unchanged: 1, badCount: 0, bad: [] });
    expect(result.version!.getTime()).toBeGreaterThan(status0.version!.getTime());

    const changed = (await entry("10-A100-000001"))!;
    expect(changed.expiryDate).toBe("2030-05-10");
    expect(changed.txid).toBeGreaterThan(before.get("10-A100-000001")!.txid);
    expect(changed.updatedAt.getTime()).toBeGreaterThan(before.get("10-A100-000001")!.updatedAt.getTime());
    const same = (await entry("10-A100-000003"))!;
    expect(same.txid).toBe(before.get("10-A100-000003")!.txid);
    expect(same.updatedAt).toEqual(before.get("10-A100-000003")!.updatedAt);
    // rows not in the file stay (an import adds and updates; it never deletes)
    expect((await registry()).map((r) => r.licenseNo)).toEqual(["10-A100-000001", "10-A100-000003", "10-A100-000006"]);

    const status = await admin.licenses.status();
    expect(status.count).toBe(3);
    expect(status.version!.getTime()).toBe(result.version!.getTime());
    expect(status.recentImports[0]).toMatchObject({ id: result.importId, rowsOk: 3, rowsBad: 0, importedBy: "Test admin" });
  });

  it("mark codes: another license's code is refused (mark_code_taken); codes may change hands inside one import", async () => {
    await admin.licenses.import({
      csv: csv("20-B200-000001,2024000000000001,A,B,M1,2024-01-01,2029-01-01", "20-B200-000002,2024000000000002,A,B,M2,2024-01-01,2029-01-01"),
    });
    const taken = await admin.licenses.import({ csv: csv("20-B200-000003,2024000000000001,A,B,M3,2024-01-01,2029-01-01") });
    expect(taken).toMatchObject({ importId: null, imported: 0, badCount: 1 });
    expect(taken.bad).toEqual([
      { line: 2, licenseNo: "20-B200-000003", reasons: [{ code: "mark_code_taken", field: "markCode", licenseNo: "20-B200-000001" }] },
    ]);
    expect(await entry("20-B200-000003")).toBeUndefined();

    // a swap: each row takes the other's code; both are in the file, so both are free to move
    const swap = await admin.licenses.import({
      csv: csv("20-B200-000001,2024000000000002,A,B,M1,2024-01-01,2029-01-01", "20-B200-000002,2024000000000001,A,B,M2,2024-01-01,2029-01-01"),
    });
    expect(swap).toMatchObject({ updated: 2, badCount: 0 });
    expect((await entry("20-B200-000001"))!.markCode).toBe("2024000000000002");
    expect((await entry("20-B200-000002"))!.markCode).toBe("2024000000000001");

    // a chain: row 3 wants 000001's code, but 000001 is refused (it wants a code held outside the file): both refused
    await admin.licenses.import({ csv: csv("20-B200-000009,2024000000000009,A,B,M9,2024-01-01,2029-01-01") });
    const chain = await admin.licenses.import({
      csv: csv("20-B200-000003,2024000000000002,A,B,M3,2024-01-01,2029-01-01", "20-B200-000001,2024000000000009,A,B,M1,2024-01-01,2029-01-01"),
    });
    expect(chain.bad.map((b) => [b.line, b.reasons[0]!.code, b.reasons[0]!.licenseNo])).toEqual([
      [2, "mark_code_taken", "20-B200-000001"],
      [3, "mark_code_taken", "20-B200-000009"],
    ]);
    expect((await entry("20-B200-000001"))!.markCode).toBe("2024000000000002");
  });

  it("a file whose rows are all bad changes nothing: no import recorded, the version stays", async () => {
    const before = await admin.licenses.status();
    const auditBefore = await t.db.select().from(auditEvents);
    const result = await admin.licenses.import({ csv: csv("x,,A,B,C,2024-01-01,2029-01-01", "10-A100-000007,,A,B,C,2024-13-01,2029-01-01") });
    expect(result).toMatchObject({ importId: null, imported: 0, updated: 0, unchanged: 0, badCount: 2 });
    expect(result.version!.getTime()).toBe(before.version!.getTime());
    expect((await admin.licenses.status()).recentImports).toEqual(before.recentImports);
    expect(await t.db.select().from(auditEvents)).toHaveLength(auditBefore.length);
  });

  it("a file that cannot be read is refused whole, with its reason in the details", async () => {
    const before = await registry();
    const missing = await expectAppError(admin.licenses.import({ csv: "进网许可证号,型号\n10-A100-000008,X\n" }), "bad_input");
    expect(missing.data.details).toEqual({ file: { code: "missing_columns", fields: ["applicant", "equipmentName", "issueDate", "expiryDate"] } });
    const broken = await expectAppError(
      admin.licenses.import({ csv: csv('10-A100-000008,,"Acme,B,C,2024-01-01,2029-01-01', "10-A100-000009,,A,B,C,2024-01-01,2029-01-01") }),
      "bad_input",
    );
    expect(broken.data.details).toEqual({ file: { code: "malformed", line: 2 } });
    const xlsx = await expectAppError(admin.licenses.import({ csv: "PK\u0003\u0004\u0014\u0000" }), "bad_input");
    expect(xlsx.data.details).toEqual({ file: { code: "not_text" } });
    expect(await registry()).toEqual(before);
  });

  it("an oversized input is refused at the edge (over 2 MB of UTF-8), nothing written", async () => {
    const before = await registry();
    const row = "10-A100-000010,,中文申请单位中文申请单位中文申请单位中文申请单位,设备,M,2024-01-01,2029-01-01\n";
    const big = csv() + row.repeat(Math.ceil((2 * 1024 * 1024) / Buffer.byteLength(row)) + 1);
    expect(big.length).toBeLessThan(2 * 1024 * 1024); // within the limit in characters, over it in bytes
    const shape = await expectAppError(admin.licenses.import({ csv: big }), "bad_input");
    expect(shape.data.fieldErrors).toEqual({ csv: "licenses.file.too_large" });
    await expectAppError(admin.licenses.import({ csv: "a".repeat(2 * 1024 * 1024 + 1) }), "bad_input");
    expect(await registry()).toEqual(before);
  });

  it("at most LICENSE_BAD_ROWS_SHOWN bad rows are described; all are counted", async () => {
    const lines = Array.from({ length: LICENSE_BAD_ROWS_SHOWN + 5 }, (_, i) => `bad-${i},,A,B,C,2024-01-01,2029-01-01`);
    const result = await admin.licenses.import({ csv: csv(...lines, "10-A100-000011,,A,B,C,2024-01-01,2029-01-01") });
    expect(result.badCount).toBe(LICENSE_BAD_ROWS_SHOWN + 5);
    expect(result.bad).toHaveLength(LICENSE_BAD_ROWS_SHOWN);
    expect(result.bad[0]!.line).toBe(2);
    expect(result.imported).toBe(1);
  });

  it("refuses every role but admin, writing nothing", async () => {
    const before = await t.db.select().from(licenseImports);
    for (const role of ["customer_service", "quality", "lineman"] as const) {
      const u = await makeUser(t.db, { role });
      const caller = (await login(t.db, u.username, u.password)).caller;
      await expectAppError(caller.licenses.import({ csv: csv("10-A100-000012,,A,B,C,2024-01-01,2029-01-01") }), "forbidden");
    }
    expect(await entry("10-A100-000012")).toBeUndefined();
    expect(await t.db.select().from(licenseImports)).toHaveLength(before.length);
  });

  it("a large file: 20,000 rows imported in one go, then re-imported with 1 change", async () => {
    const rows = (changedIndex = -1) =>
      Array.from(
        { length: 20_000 },
        (_, i) => `30-C300-${String(i).padStart(6, "0")},,申请单位 ${i},设备,M-${i},2024-01-01,${i === changedIndex ? "2030-01-01" : "2029-01-01"}`,
      );
    const started = Date.now();
    const first = await admin.licenses.import({ csv: csv(...rows()) });
    const firstMs = Date.now() - started;
    expect(first).toMatchObject({ imported: 20_000, badCount: 0 });
    const again = Date.now();
    const second = await admin.licenses.import({ csv: csv(...rows(123)) });
    const secondMs = Date.now() - again;
    expect(second).toMatchObject({ imported: 0, updated: 1, unchanged: 19_999 });
    expect((await entry("30-C300-000123"))!.expiryDate).toBe("2030-01-01");
    console.info(`licenses.import of 20,000 rows (${t.kind}): ${firstMs} ms new, ${secondMs} ms re-import`);
  }, 120_000);
});
