import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { createSession, hashToken } from "@/server/auth/session";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { makeUser } from "@/tests/helpers/users";
import { badgeResponse, loadBadge } from "./badge";
import { renderBadgePdf } from "./badge-pdf";

/**
 * Person badges through their route handlers (app/api/users/[id]/badge.{pdf,svg} → badgeResponse) on a real PGlite (or
 * PostgreSQL with TEST_DB=postgres): the person's own, any active user's for an admin, nobody else's; unknown, disabled
 * and malformed ids answer as not found.
 */
let t: TestDb;
type TPerson = { id: string; username: string; cookie: string; token: string };
let wang: TPerson, zhao: TPerson, custodian: TPerson, admin: TPerson, gone: TPerson, oddName: { id: string };

async function person(role: TRole, department: TDepartment, o: { username?: string; active?: boolean } = {}): Promise<TPerson> {
  const u = await makeUser(t.db, { role, department, ...o });
  const { token } = await createSession(t.db, { userId: u.id });
  return { id: u.id, username: u.username, cookie: `tm_session=${token}`, token };
}

beforeAll(async () => {
  t = await createTestDb();
  wang = await person("lineman", "terminal_service", { username: "wang.jianguo" });
  await t.db.update(users).set({ displayName: "王建国 Wang Jianguo" }).where(eq(users.id, wang.id));
  zhao = await person("lineman", "terminal_service", { username: "zhao_lei" });
  custodian = await person("instrument_custodian", "technology_development");
  admin = await person("admin", "enterprise_management");
  gone = await person("lineman", "terminal_service", { username: "left.company" });
  oddName = await makeUser(t.db, { role: "lineman", username: "Imported User" });
  // disabled after signing in: the session no longer counts
  await t.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
});
afterAll(async () => {
  await t?.close();
});

const get = (holder: string, format: "pdf" | "svg", who?: TPerson) =>
  badgeResponse(t.db, new Request(`${APP_ORIGIN}/api/users/${holder}/badge.${format}`, { headers: who ? { cookie: who.cookie } : {} }), holder, format);

describe("GET /api/users/<id|me>/badge.svg", () => {
  it("gives a person their own badge, by `me` or by their id: a QR code image, inert", async () => {
    for (const holder of ["me", wang.id]) {
      const res = await get(holder, "svg", wang);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(res.headers.get("content-disposition")).toContain("TMU-wang.jianguo.svg");
      const svg = await res.text();
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toMatch(/<script|href=|on\w+=/i);
    }
  });

  it("gives an admin any active user's badge", async () => {
    for (const who of [wang, zhao, custodian, admin]) {
      expect((await get(who.id, "svg", admin)).status, who.username).toBe(200);
    }
  });

  it("refuses anyone else's badge with 404, whatever their job", async () => {
    expect((await get(zhao.id, "svg", wang)).status).toBe(404);
    expect((await get(wang.id, "svg", custodian)).status).toBe(404);
    expect((await get(admin.id, "svg", custodian)).status).toBe(404);
  });

  it("404 for an unknown, disabled or malformed id, or a stored name outside the username rule; 401 signed out", async () => {
    expect((await get("00000000-0000-4000-8000-000000000000", "svg", admin)).status).toBe(404);
    expect((await get(gone.id, "svg", admin)).status).toBe(404);
    expect((await get(oddName.id, "svg", admin)).status).toBe(404);
    expect((await get("not-a-uuid", "svg", admin)).status).toBe(404);
    expect((await get("..%2Fadmin", "svg", admin)).status).toBe(404);
    expect((await get("me", "svg")).status).toBe(401);
    // a disabled person's own session is over
    expect((await get("me", "svg", gone)).status).toBe(401);
  });

  it("404 on a phone in a customer's hands (customer mode)", async () => {
    const own = await person("lineman", "terminal_service");
    // the session row as customer mode leaves it (server/work-orders/customer-mode.ts), without a whole work order
    await t.db
      .update(sessions)
      .set({ customerWorkOrderId: "00000000-0000-4000-8000-000000000001" })
      .where(eq(sessions.id, hashToken(own.token)));
    expect((await get("me", "svg", own)).status).toBe(404);
    expect((await get("me", "pdf", own)).status).toBe(404);
  });
});

describe("GET /api/users/<id|me>/badge.pdf", () => {
  it("prints the person's own card and any active user's for an admin; nobody else's", async () => {
    for (const [holder, who] of [
      ["me", wang],
      [wang.id, admin],
    ] as const) {
      const res = await get(holder, "pdf", who);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain("TMU-wang.jianguo.pdf");
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    expect((await get(wang.id, "pdf", zhao)).status).toBe(404);
    expect((await get(gone.id, "pdf", admin)).status).toBe(404);
    expect((await get("me", "pdf")).status).toBe(401);
  });

  it("is bilingual: the code, the person's name, username, department and role, Chinese first", async () => {
    const badge = (await loadBadge(t.db, { id: wang.id, role: "lineman" }, "me"))!;
    expect(badge.code).toBe("TMU-wang.jianguo");
    const pdf = await renderBadgePdf(badge, { compress: false });
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-badge.pdf`, pdf);
    const { text, pages, images } = pdfText(pdf);
    const flat = text.replace(/\s+/g, "");
    for (const s of ["人员工牌码 Person badge", "TMU-wang.jianguo", "王建国 Wang Jianguo", "wang.jianguo", "终端服务", "Terminal", "线务员", "Lineman"]) {
      expect(flat, s).toContain(s.replace(/\s+/g, ""));
    }
    expect(flat).toContain("领用仪器时出示扫描。");
    expect(flat).not.toContain("…");
    expect(pages).toBe(1);
    expect(images).toBeGreaterThan(0); // the QR code (pdfkit adds its alpha mask as a second image)
  });

  it("keeps a 40-character username and a long bilingual name whole (smaller type, never cut)", async () => {
    const name = "x".repeat(40);
    const pdf = await renderBadgePdf(
      {
        userId: wang.id,
        username: name,
        displayName: "欧阳建国 Ouyang Jianguo-Alexander",
        role: "operations",
        department: "technology_development",
        code: `TMU-${name}`,
      },
      { compress: false },
    );
    const flat = pdfText(pdf).text.replace(/\s+/g, "");
    expect(flat).toContain(`TMU-${name}`);
    expect(flat).toContain("欧阳建国OuyangJianguo-Alexander");
    expect(flat).not.toContain("…");
  });
});
