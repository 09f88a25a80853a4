import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { workOrderPdfResponse } from "@/server/work-orders/pdf-http";
import { APP_ORIGIN, login, type LoggedIn } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { configureEnv, restoreEnv } from "@/tests/helpers/env";
import { catchError, expectAppError } from "@/tests/helpers/errors";
import { makeUser, TEST_PASSWORD } from "@/tests/helpers/users";

/**
 * Issue 11: the expensive procedures are limited per user (server/http/expensive.ts), counted in the database, and
 * answer 429 rate_limited with the seconds to wait. Every call counts when it starts, so these tests spend the
 * allowance with calls that fail fast (bad input, unknown ids) and never depend on how long a real one takes.
 */
let t: TestDb;
let seq = 0;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
afterEach(restoreEnv);

const configure = configureEnv;
const as = async (role: Parameters<typeof makeUser>[1]["role"]): Promise<LoggedIn> => {
  const u = await makeUser(t.db, { role });
  return login(t.db, u.username, TEST_PASSWORD, { ip: `198.51.100.${++seq}` });
};
function retryOf(shape: { data: { httpStatus: number; details: unknown } }): number {
  expect(shape.data.httpStatus).toBe(429);
  const retry = (shape.data.details as { retryAfterSeconds: number }).retryAfterSeconds;
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(60);
  return retry;
}

describe("CSV imports (IMPORT_MAX_PER_MINUTE)", () => {
  it("the license import answers 429 after the minute's imports, bad ones included; another admin is not affected", async () => {
    configure({ IMPORT_MAX_PER_MINUTE: "2" });
    const a = await as("admin");
    const b = await as("admin");
    const refused = { csv: "licenseNo\n", fileName: "x".repeat(300) }; // refused by validation: cheap, still counted
    for (let i = 0; i < 2; i++) await expectAppError(a.caller.licenses.import(refused), "bad_input");
    retryOf(await expectAppError(a.caller.licenses.import(refused), "rate_limited"));
    await expectAppError(b.caller.licenses.import(refused), "bad_input");
  });

  it("the instrument import shares the import allowance and counts input refused by validation", async () => {
    configure({ IMPORT_MAX_PER_MINUTE: "2" });
    const c = await as("instrument_custodian");
    for (let i = 0; i < 2; i++) await expectAppError(c.caller.instruments.importCsv({ csv: "" }), "bad_input");
    retryOf(await expectAppError(c.caller.instruments.importCsv({ csv: "" }), "rate_limited"));
  });
});

describe("PDFs (PDF_MAX_PER_MINUTE)", () => {
  it("instrument labels and register PDFs answer 429 past the limit", async () => {
    configure({ PDF_MAX_PER_MINUTE: "2" });
    const c = await as("instrument_custodian");
    const { shape } = await catchError(c.caller.instruments.labels({ instrumentIds: [randomUUID()], format: "pdf" }));
    expect(shape.data.appCode).not.toBe("rate_limited");
    await c.caller.instruments.exportPdf({ register: "instruments", filters: {} }); // an empty register's PDF
    retryOf(await expectAppError(c.caller.instruments.labels({ instrumentIds: [randomUUID()], format: "pdf" }), "rate_limited"));
    retryOf(await expectAppError(c.caller.instruments.exportPdf({ register: "instruments", filters: {} }), "rate_limited"));
  });

  it("the work-order PDF route answers 429 with Retry-After and the message in the user's language", async () => {
    configure({ PDF_MAX_PER_MINUTE: "1" });
    const s = await as("operations");
    const get = (lang: string) => {
      const id = randomUUID();
      return workOrderPdfResponse(t.db, new Request(`${APP_ORIGIN}/api/work-orders/${id}/pdf`, { headers: { cookie: s.cookie, "accept-language": lang } }), id);
    };
    expect((await get("en")).status).toBe(404);
    const en = await get("en");
    expect(en.status).toBe(429);
    const retry = Number(en.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await en.text()).toBe("Too many attempts. Try again in 1 min.");
    const zh = await get("zh-CN,zh;q=0.9");
    expect(zh.status).toBe(429);
    expect(await zh.text()).toBe("尝试次数过多，请 1 分钟后再试。");
  });
});

describe("audit verification (AUDIT_VERIFY_MAX_PER_MINUTE)", () => {
  it("answers 429 after the minute's verifications", async () => {
    configure({ AUDIT_VERIFY_MAX_PER_MINUTE: "2" });
    const q = await as("quality");
    for (let i = 0; i < 2; i++) await q.caller.audit.verify();
    retryOf(await expectAppError(q.caller.audit.verify(), "rate_limited"));
  });
});
