import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { addDocument } from "@/server/property/documents";
import { recordMaintenance } from "@/server/property/maintenance";
import { recordPbx } from "@/server/property/pbx";
import { scheduleRound } from "@/server/property/rounds";
import { recordWorks } from "@/server/property/works";
import { scribbleSignature, tinyPdf } from "./property-files";

/** The demo's PBX application: the registry's valid certificate of a Panasonic KX-TES824CN (see the demo registry). */
export const DEMO_PBX = { certificateNo: "03-A511-240178", model: "KX-TES824CN", customerName: "新华书店城区店 Xinhua Bookstore" } as const;
/** The demo's maintenance customer: the key customer of the terminal-maintenance work order WO-2026-000104. */
export const DEMO_MAINTENANCE = { customerName: "恒信贸易公司 Hengxin Trading", customerPhone: "0571-8600 3344", address: "商贸城 B 座 9 楼" } as const;
export const DEMO_WORKS_PROJECT = "华联商厦室内分布系统 Hualian Mall indoor distribution";

/**
 * Customer property's demo (issue 16), through the same code as the office's screens:
 * - a PBX application recorded by customer service with the valid certificate 03-A511-240178 / KX-TES824CN, and its
 *   first inspection scheduled today for the demo inspectors (the lineman verifies for terminal service, with
 *   customer service);
 * - a customer-built works project with its acceptance agreement signed on screen, the design documents and the
 *   constructor's test report (small real PDFs), ready for Technology Development to schedule the acceptance;
 * - a maintenance agreement (设备代维协议) in force for Hengxin Trading, the customer of the terminal-maintenance work
 *   order WO-2026-000104 (matched by its phone), offered by the lineman.
 */
export async function seedProperty(db: Db, now = new Date()): Promise<{ pbxId: string; worksId: string; agreementId: string }> {
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(inArray(users.username, ["service", "lineman"]));
  const who = (username: string): SessionUser => {
    const u = rows.find((r) => r.username === username);
    if (!u) throw new Error(`seedProperty: no user ${username}`);
    return u;
  };
  const service = who("service");
  const lineman = who("lineman");
  const today = operatorDay(now);

  const pbx = await recordPbx(db, service, {
    customerName: DEMO_PBX.customerName,
    customerPhone: "0571-8612 2001",
    customerAddress: "解放路 66 号 新华书店三楼",
    certificateNo: DEMO_PBX.certificateNo,
    model: DEMO_PBX.model,
    manufacturer: "松下电器(中国)有限公司 Panasonic",
    capacity: "8 外线 / 24 分机 8 trunks / 24 extensions",
    standard: "模拟 Analog",
    connection: "模拟中继接入 Analog trunk",
    power: "220V 交流 + UPS",
    ancillary: "计费盒、话务台 KX-T7730 Call accounting box, console KX-T7730",
    trunkLines: 4,
    appliedOn: addDays(today, -2),
    note: "客户书面申请已收 Written application received",
  });
  await scheduleRound(db, service, {
    caseId: pbx.id,
    version: 1,
    // the round's day is checked against the server's clock: a demo seeded "as of" an earlier day still schedules it
    scheduledFor: [today, operatorDay(clockNow())].sort()[1]!,
    inspectorIds: [lineman.id, service.id],
    departments: ["terminal_service", "customer_service"],
    extraItemIds: [],
    note: "客户已安装完毕，请携带接地电阻测试仪 Installed; bring the earth resistance tester",
  });

  const works = await recordWorks(
    db,
    service,
    {
      customerName: "华联商厦 Hualian Mall",
      customerPhone: "0571-8765 4321",
      customerAddress: "中山路 100 号",
      projectName: DEMO_WORKS_PROJECT,
      constructorName: "浙江信通工程有限公司 Zhejiang Xintong Engineering",
      scope: "商厦 1-6 层综合布线、光缆引入及室内分布系统 Cabling of floors 1-6, fibre entry and indoor distribution",
      agreementKind: "acceptance",
      parties: "华联商厦（甲方） / 城区分公司（乙方） Hualian Mall / City branch",
      startsOn: today,
      endsOn: addDays(today, 365),
      signature: scribbleSignature(11),
      note: "",
    },
    now,
  );
  for (const [kind, fileName, text] of [
    ["design", "设计文件 design.pdf", "Hualian Mall indoor distribution - design documents"],
    ["test_report", "测试报告 test-report.pdf", "Hualian Mall indoor distribution - constructor's test report"],
  ] as const) {
    await addDocument(db, service, { caseId: works.id, kind, fileName, mime: "application/pdf", base64: tinyPdf(text).toString("base64") }, now);
  }

  const agreement = await recordMaintenance(
    db,
    service,
    {
      customerName: DEMO_MAINTENANCE.customerName,
      customerPhone: DEMO_MAINTENANCE.customerPhone,
      customerAddress: DEMO_MAINTENANCE.address,
      equipment: ["松下 KX-TDA100 用户交换机 PBX", "话务台 KX-T7730 ×2 Consoles", "UPS 电源 1 kVA"],
      appliedOn: addDays(today, -31),
      startsOn: addDays(today, -30),
      endsOn: addDays(today, 334),
      terms:
        "每季度上门巡检一次，故障 4 小时内响应、24 小时内修复；更换配件按价另计。Quarterly visits; faults answered within 4 hours and repaired within 24; parts charged separately.",
      offeredBy: lineman.id,
      signature: scribbleSignature(12),
    },
    now,
  );
  return { pbxId: pbx.id, worksId: works.id, agreementId: agreement.id };
}
