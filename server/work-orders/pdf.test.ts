import { writeFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, workOrders } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { hashToken, type SessionUser } from "@/server/auth/session";
import { renderWorkOrderRecord } from "@/server/work-orders/pdf";
import { loadWorkOrderRecord } from "@/server/work-orders/pdf-data";
import { workOrderPdfResponse } from "@/server/work-orders/pdf-http";
import { makeClosedWorkOrder, type ClosedWorkOrder } from "@/tests/helpers/closed-work-order";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { makeUser, TEST_PASSWORD as makeUserPassword } from "@/tests/helpers/users";

let t: TestDb;
let wo: ClosedWorkOrder;
const people = new Map<string, { user: SessionUser; cookie: string }>();

beforeAll(async () => {
  t = await createTestDb();
  const roles: [string, TRole][] = [
    ["lineman", "lineman"],
    ["otherLineman", "lineman"],
    ["service", "customer_service"],
    ["quality", "quality"],
    ["ops", "operations"],
    ["admin", "admin"],
    ["keeper", "warehouse_keeper"],
    ["custodian", "instrument_custodian"],
  ];
  for (const [key, role] of roles) {
    const u = await makeUser(t.db, { role, username: `pdf-${key.toLowerCase()}` });
    const { cookie, user } = await login(t.db, u.username, u.password);
    people.set(key, { user, cookie });
  }
  wo = await makeClosedWorkOrder(t.db, { linemanId: people.get("lineman")!.user.id, officeId: people.get("service")!.user.id, code: "WO-2026-004217" });
});
afterAll(async () => {
  await t?.close();
});

async function render(who: string, workOrderId = wo.id) {
  const record = await loadWorkOrderRecord({ db: t.db, user: people.get(who)!.user, workOrderId, now: new Date("2026-03-03T02:00:00.000Z") });
  if (!record) throw new Error(`${who} may not read ${workOrderId}`);
  // why uncompressed: the content streams stay readable, so the test can read the text back (tests/helpers/pdf-text.ts).
  const pdf = await renderWorkOrderRecord(record, { compress: false });
  if (process.env.RECORD_PDF_OUT) writeFileSync(process.env.RECORD_PDF_OUT, pdf);
  return { pdf, ...pdfText(pdf) };
}

describe("the printable record of a closed work order", () => {
  let out: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    out = await render("service");
  });

  it("is a PDF of A4 pages, numbered in the footer of each", () => {
    expect(out.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(out.pages).toBeGreaterThanOrEqual(2);
    expect(out.mediaBoxes).toHaveLength(out.pages);
    for (const box of out.mediaBoxes) expect(box).toEqual([0, 0, 595.28, 841.89]);
    for (let n = 1; n <= out.pages; n++) {
      expect(out.text).toContain(`第 ${n} 页，共 ${out.pages} 页 Page ${n} of ${out.pages}`);
    }
    expect(out.text).toContain("生成于 2026-03-03 10:00:00（北京时间） Generated 2026-03-03 10:00:00 (Beijing time)");
    expect(out.text).toContain(`WO-2026-004217 · 第 1 页，共 ${out.pages} 页 Page 1 of ${out.pages}`);
  });

  it("heads with the code, status, kind and the order's fields, labels in Chinese and English", () => {
    for (const s of [
      "工单记录 Work order record",
      "WO-2026-004217",
      "已关闭 Closed",
      "装机 Install",
      "客户 Customer",
      "张伟 Zhang Wei",
      "幸福小区 5 栋 302",
      "138 0000 1101",
      "重点客户 Key customer",
      "是 Yes",
      "Test lineman",
    ]) {
      expect(out.text, s).toContain(s);
    }
    // The deadline, in Beijing time: 01:30Z + 4 h = 13:30 in Shanghai.
    expect(out.text).toContain("2026-03-02 13:30:00");
    expect(out.text).not.toContain("Interim record");
  });

  it("lists every equipment check with its label, both verdicts with their registries, outcome and PBX details", () => {
    for (const s of [
      "00-D710-208870",
      "2026031512345678",
      "00-E620-230556",
      "HCD007(6082)TSD",
      "SN-55120",
      "电话机 Telephone",
      "用户交换机 PBX",
      "G3 传真机 G3 fax",
      "已过期 Expired",
      "拒绝接入 Refused to connect",
      "2026-01-10 版许可证库",
      "registry of 2026-01-10",
      "服务器结论与手机结论不同",
      "GB/T 15279",
      "8 外线 / 24 分机",
      "现场检验合格",
    ]) {
      expect(out.text, s).toContain(s);
    }
  });

  it("embeds the photos and both signatures as images", () => {
    // 2 photos (a JPEG, an opaque PNG) + 2 signature PNGs, each signature with its transparency mask: 6 image objects.
    expect(out.images).toBe(6);
    expect(out.text).toContain("弱电箱 / comms box");
    expect(out.text).toContain("话机标志 / phone label");
  });

  it("a stored PNG whose chunks run past its end is named, not drawn (pdfkit's reader would loop for ever)", async () => {
    const record = await loadWorkOrderRecord({ db: t.db, user: people.get("service")!.user, workOrderId: wo.id, now: new Date("2026-03-03T02:00:00.000Z") });
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("0000000d49484452", "hex"),
      Buffer.alloc(17),
      Buffer.from("7fffffff49444154", "hex"),
      Buffer.alloc(64),
    ]);
    record!.customer!.signature = { mime: "image/png", data: broken };
    const started = Date.now();
    const again = pdfText(await renderWorkOrderRecord(record!, { compress: false }));
    expect(Date.now() - started).toBeLessThan(20_000);
    // the customer's signature and its mask are gone; the photos and the lineman's signature stay
    expect(again.images).toBe(out.images - 2);
  });

  it("shows the self-check, the ratings, comment and signer, and the evidence hash that recomputes", () => {
    for (const s of [
      "线路已测试（拨号音/线路同步）",
      "已接入的用户交换机，其申请已经现场检验合格",
      "服务态度 Staff attitude",
      "5 / 5",
      "4 / 5",
      "师傅很专业，准时到达。",
      "签字人 Signed by: 张伟",
      wo.evidenceHash,
      "按存储记录重新计算：相符 Recomputed now from the stored record: matches",
      wo.deviceId,
      wo.signatureSha256,
    ]) {
      expect(out.text, s).toContain(s);
    }
    // The server's receipt time of the signature: t(110) = 03:20Z = 11:20 in Shanghai.
    expect(out.text).toContain("2026-03-02 11:20:00");
  });

  it("traces the status history and the audit trail with names, times and chain numbers", () => {
    for (const s of [
      "在途 En route",
      "已派单 Assigned → 在途 En route",
      "客户已签字 Signed by customer → 已关闭 Closed",
      "客户签字 Customer signed",
      "设备检查 Equipment checked",
      "Test customer_service",
      "2026-03-02 09:30:00",
    ]) {
      expect(out.text, s).toContain(s);
    }
    expect(out.text).toMatch(/\n\d+\n2026-03-02 11:20:00\nTest lineman\n客户签字 Customer signed/);
  });
});

describe("what the record says when things are missing or wrong", () => {
  it("an order not yet closed, with nothing recorded, renders as an interim record", async () => {
    const [bare] = await t.db
      .insert(workOrders)
      .values({
        code: "WO-2026-004218",
        kind: "repair",
        customerName: "李娜",
        address: "东湖路 66 号",
        contact: "139",
        service: "宽带",
        assignedTo: people.get("lineman")!.user.id,
        scheduledFor: "2026-03-04",
        status: "assigned",
      })
      .returning();
    const out = await render("lineman", bare!.id);
    for (const s of ["临时记录：本工单尚未关闭 Interim record: this work order is not closed", "WO-2026-004218", "未签字 Not signed", "无客户签字：无证据哈希"])
      expect(out.text, s).toContain(s);
    expect(out.images).toBe(0);
  });

  it("a signature record changed after signing prints that its evidence hash does not recompute", async () => {
    const other = await makeClosedWorkOrder(t.db, { linemanId: people.get("lineman")!.user.id, code: "WO-2026-004219" });
    await t.asOwner(async (owner) => {
      await owner.execute(sql`ALTER TABLE work_order_signoffs DISABLE TRIGGER USER`);
      await owner.execute(sql`UPDATE work_order_signoffs SET signer_name = '王五' WHERE id = ${other.customerSignoffId}`);
      await owner.execute(sql`ALTER TABLE work_order_signoffs ENABLE TRIGGER USER`);
    });
    const out = await render("quality", other.id);
    expect(out.text).toContain("按存储记录重新计算：不相符 Recomputed now from the stored record: DOES NOT MATCH");
  });
});

describe("GET /api/work-orders/<id>/pdf", () => {
  const get = (who: string | null, id: string) =>
    workOrderPdfResponse(t.db, new Request(`${APP_ORIGIN}/api/work-orders/${id}/pdf`, { headers: who ? { cookie: people.get(who)!.cookie } : {} }), id);

  it("gives the office readers and the assigned lineman a download named after the code", async () => {
    for (const who of ["service", "quality", "ops", "admin", "lineman"]) {
      const res = await get(who, wo.id);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="WO-2026-004217.pdf"');
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 5).toString()).toBe("%PDF-");
      expect(Number(res.headers.get("content-length"))).toBe(body.length);
    }
  });

  it("answers 404 to anyone else and for ids that are not work orders, 401 without a session", async () => {
    for (const who of ["otherLineman", "keeper", "custodian"]) expect((await get(who, wo.id)).status, who).toBe(404);
    expect((await get("admin", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("admin", "not-a-uuid")).status).toBe(404);
    expect((await get(null, wo.id)).status).toBe(401);
  });

  it("gives nothing to a phone in customer mode, not even the order being signed", async () => {
    const lineman = people.get("lineman")!.user;
    const { cookie, token } = await login(t.db, lineman.username, makeUserPassword);
    await t.db
      .update(sessions)
      .set({ customerWorkOrderId: wo.id })
      .where(eq(sessions.id, hashToken(token)));
    const res = await workOrderPdfResponse(t.db, new Request(`${APP_ORIGIN}/api/work-orders/${wo.id}/pdf`, { headers: { cookie } }), wo.id);
    expect(res.status).toBe(404);
  });
});
