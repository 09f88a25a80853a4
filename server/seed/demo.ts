import "server-only";
import { count } from "drizzle-orm";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { addDays } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/db/client";
import { departments, items, licenseImports, licenseRegistry, sites, users, workOrders, zones } from "@/db/schema";
import { raiseInstrumentReminders } from "@/server/instruments/jobs";
import { seedAnalysis } from "./analysis";
import { seedComplaints } from "./complaints";
import { seedInstruments } from "./instruments";
import { seedProperty } from "./property";
import { seedQuality } from "./quality";
import { seedQualityBilling } from "./quality-billing";
import { seedWarehouse } from "./warehouse";

/** Demo logins: printed by `npm run demo` and listed in README.md. Never use them outside a demo. */
export const DEMO_USERS: { username: string; password: string; displayName: string; role: TRole; department: TDepartment }[] = [
  { username: "lineman", password: "lineman-demo", displayName: "王建国 Wang Jianguo", role: "lineman", department: "terminal_service" },
  { username: "lineman2", password: "lineman2-demo", displayName: "赵磊 Zhao Lei", role: "lineman", department: "terminal_service" },
  { username: "keeper", password: "keeper-demo1", displayName: "李薇 Li Wei", role: "warehouse_keeper", department: "finance" },
  { username: "custodian", password: "custodian-demo", displayName: "陈明 Chen Ming", role: "instrument_custodian", department: "technology_development" },
  { username: "head", password: "head-demo-01", displayName: "刘芳 Liu Fang", role: "department_head", department: "terminal_service" },
  { username: "techhead", password: "techhead-demo", displayName: "黄伟 Huang Wei", role: "department_head", department: "technology_development" },
  { username: "service", password: "service-demo", displayName: "周静 Zhou Jing", role: "customer_service", department: "customer_service" },
  { username: "ops", password: "ops-demo-001", displayName: "孙强 Sun Qiang", role: "operations", department: "operations" },
  { username: "quality", password: "quality-demo", displayName: "吴敏 Wu Min", role: "quality", department: "enterprise_management" },
  { username: "gm", password: "gm-demo-0001", displayName: "郑国华 Zheng Guohua", role: "general_manager", department: "enterprise_management" },
  { username: "admin", password: "admin-demo-1", displayName: "管理员 Admin", role: "admin", department: "enterprise_management" },
];

/** The operator's departments (also used by tests that build their own users). */
export const DEPARTMENT_ROWS: (typeof departments.$inferInsert)[] = [
  { code: "terminal_service", nameZh: "终端服务部", nameEn: "Terminal Service Dept" },
  { code: "finance", nameZh: "财务部", nameEn: "Finance Dept" },
  { code: "technology_development", nameZh: "技术发展部", nameEn: "Technology Development Dept" },
  { code: "customer_service", nameZh: "客户服务部", nameEn: "Customer Service Dept" },
  { code: "operations", nameZh: "运维部", nameEn: "Operations Dept" },
  { code: "enterprise_management", nameZh: "企业管理部", nameEn: "Enterprise Management Dept" },
  { code: "computer_network", nameZh: "电脑网络部", nameEn: "Computer Network Dept" },
  { code: "administration_hr", nameZh: "行政人事部", nameEn: "Administration & HR Dept" },
  { code: "switching_transmission", nameZh: "交换传输室", nameEn: "Switching & Transmission Office" },
];

/** The operator's day `offsetDays` from `from`'s (Shanghai, not UTC: a demo seeded after 16:00 UTC is a day ahead). */
function isoDay(offsetDays: number, from = new Date()): string {
  return addDays(operatorDay(from), offsetDays);
}

/** Seeds demo data once; a database that already has users is left alone. Returns whether it seeded. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if (existing && existing.n > 0) return false;
  const hashed = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  await db.transaction(async (tx) => {
    await tx.insert(departments).values(DEPARTMENT_ROWS).onConflictDoNothing();
    const created = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u, i) => ({ username: u.username, displayName: u.displayName, role: u.role, department: u.department, passwordHash: hashed[i]! })),
      )
      .returning({ id: users.id, username: users.username });
    const id = (username: string) => created.find((u) => u.username === username)!.id;

    await tx.insert(sites).values([
      { code: "HQ", nameZh: "城区分公司", nameEn: "City branch", address: "人民路 88 号" },
      { code: "WH1", nameZh: "中心仓库", nameEn: "Central warehouse", address: "工业园 3 号库" },
    ]);
    await tx.insert(zones).values([
      { code: "WH1-A", siteCode: "WH1", kind: "stock", nameZh: "合格品区 A", nameEn: "Accepted stock A" },
      { code: "WH1-IN", siteCode: "WH1", kind: "inspection", nameZh: "待检区", nameEn: "Pending inspection" },
      { code: "WH1-Q-RET", siteCode: "WH1", kind: "quarantine", holds: "returned", nameZh: "退货区", nameEn: "Returned (quarantine)" },
      { code: "WH1-Q-SCR", siteCode: "WH1", kind: "quarantine", holds: "scrapped", nameZh: "报废区", nameEn: "Scrapped (quarantine)" },
      { code: "WH1-Q-DSP", siteCode: "WH1", kind: "quarantine", holds: "pending_disposal", nameZh: "待处理区", nameEn: "Pending disposal (quarantine)" },
      { code: "HQ-EQ", siteCode: "HQ", kind: "site", nameZh: "机房设备", nameEn: "Exchange room equipment" },
    ]);
    await tx.insert(items).values([
      { tagCode: "ST-000101", kind: "material", name: "光纤跳线 SC-SC 3m / Fibre patch cord", zoneCode: "WH1-IN", status: "pending_inspection" },
      { tagCode: "ST-000102", kind: "material", name: "ONU 光猫 HG8245 / ONU modem", zoneCode: "WH1-IN", status: "pending_inspection" },
      { tagCode: "ST-000103", kind: "material", name: "电话机 HCD28 / Telephone", zoneCode: "WH1-A", status: "accepted" },
      { tagCode: "ST-000104", kind: "material", name: "网线 CAT6 305m / CAT6 cable", zoneCode: "WH1-A", status: "accepted" },
      { tagCode: "ST-000105", kind: "material", name: "分线盒 / Distribution box", zoneCode: "WH1-A", status: "in_use" },
      { tagCode: "ST-000106", kind: "material", name: "ONU 光猫 F663 / ONU modem", zoneCode: "WH1-Q-RET", status: "returned" },
      { tagCode: "ST-000107", kind: "material", name: "ADSL 猫 / ADSL modem", zoneCode: "WH1-Q-DSP", status: "pending_disposal" },
      { tagCode: "ST-000108", kind: "material", name: "旧电话机 / Old telephone", zoneCode: "WH1-Q-SCR", status: "scrapped" },
      { tagCode: "EQ-000201", kind: "equipment", name: "交换机机架 1 / Exchange rack 1", zoneCode: "HQ-EQ", status: "in_service" },
      { tagCode: "EQ-000202", kind: "equipment", name: "配线架 MDF-2 / Distribution frame", zoneCode: "HQ-EQ", status: "under_maintenance" },
      { tagCode: "EQ-000203", kind: "facility", name: "UPS 电源 / UPS", zoneCode: "HQ-EQ", status: "in_service" },
      { tagCode: "EQ-000204", kind: "equipment", name: "光端机 / Optical terminal", zoneCode: "HQ-EQ", status: "under_maintenance" },
    ]);
    await seedInstruments(tx, id, now);
    // The network-access license registry (进网许可) as last imported: dates relative to today so the demo keeps
    // its valid and expired licenses; one import row gives the registry its version ("registry of <date>").
    const lic = (
      licenseNo: string,
      markCode: string | null,
      applicant: string,
      equipmentName: string,
      model: string,
      issuedDaysAgo: number,
      expiresInDays: number,
    ) => ({
      licenseNo,
      markCode,
      applicant,
      equipmentName,
      model,
      issueDate: isoDay(-issuedDaysAgo, now),
      expiryDate: isoDay(expiresInDays, now),
    });
    await tx
      .insert(licenseRegistry)
      .values([
        lic("00-D710-208870", "20240301000208870", "深圳市中兴通讯股份有限公司", "数字无绳电话机", "HWCD868", 600, 480),
        lic("01-B233-190021", null, "步步高通信科技有限公司", "电话机", "HCD007(6082)TSD", 460, 270),
        lic("00-D612-197733", "2023061200197733", "步步高通信科技有限公司", "电话机", "HCD6238(28)TSD", 520, 640),
        lic("01-A350-209117", "20240918000209117", "西门子(中国)有限公司", "数字无绳电话机", "Gigaset A690", 300, 790),
        lic("00-E620-230556", null, "兄弟(中国)商业有限公司", "G3 传真机", "FAX-2890", 1400, -40),
        lic("00-F118-226940", "2024050800226940", "松下电器(中国)有限公司", "G3 传真机", "KX-FT872CN", 560, 530),
        lic("02-E347-241288", null, "华为技术有限公司", "ISDN 终端适配器", "TA-128", 380, 700),
        lic("03-A511-240178", "20241101000240178", "松下电器(中国)有限公司", "小型用户交换机 PBX", "KX-TES824CN", 390, 700),
        lic("03-D905-249960", "2025030500249960", "深圳国威电子有限公司", "用户交换机 PBX", "WS824(5)Q", 260, 835),
        lic("03-A498-186502", null, "申瓯通信设备有限公司", "程控用户交换机 PBX", "JSY2000-06", 1900, -130),
        lic("01-C805-233019", "2023112000233019", "松下电器(中国)有限公司", "集团电话", "KX-T7730", 700, 400),
        lic("02-C124-211345", null, "华为技术有限公司", "GPON 光网络单元 ONU", "HG8245H", 1660, -200),
        lic("04-F902-250044", "20250630000250044", "中兴通讯股份有限公司", "数据终端 (路由器)", "ZXHN F663N", 150, 950),
        lic("04-B776-238811", null, "普联技术有限公司", "数据终端 (ADSL 调制解调器)", "TD-8620", 820, 275),
      ]);
    await tx.insert(licenseImports).values({ importedAt: new Date(now.getTime() - 2 * 86_400_000), importedBy: id("admin"), rowsOk: 14, rowsBad: 0 });
    const lineman = id("lineman");
    await tx.insert(workOrders).values([
      {
        code: "WO-2026-000101",
        kind: "install",
        customerName: "张伟 Zhang Wei",
        address: "幸福小区 5 栋 302",
        contact: "138 0000 1101",
        service: "宽带 300M + 固话",
        assignedTo: lineman,
        keyCustomer: false,
        scheduledFor: isoDay(0, now),
        status: "assigned",
      },
      {
        code: "WO-2026-000102",
        kind: "repair",
        customerName: "市第一医院 City Hospital No.1",
        address: "解放路 12 号 信息科",
        contact: "0571-8800 1200",
        service: "专线故障 / private line fault",
        assignedTo: lineman,
        keyCustomer: true,
        dueAt: new Date(now.getTime() + 4 * 3_600_000),
        scheduledFor: isoDay(0, now),
        status: "assigned",
      },
      {
        code: "WO-2026-000103",
        kind: "move",
        customerName: "李娜 Li Na",
        address: "东湖路 66 号 1801",
        contact: "139 0000 1103",
        service: "固话移机 / phone line move",
        assignedTo: lineman,
        keyCustomer: false,
        scheduledFor: isoDay(-1, now),
        status: "en_route",
      },
      {
        code: "WO-2026-000104",
        kind: "terminal_maintenance",
        customerName: "恒信贸易公司 Hengxin Trading",
        address: "商贸城 B 座 9 楼",
        contact: "0571-8600 3344",
        service: "PBX 维护 / PBX maintenance",
        assignedTo: lineman,
        keyCustomer: true,
        dueAt: new Date(now.getTime() + 26 * 3_600_000),
        scheduledFor: isoDay(1, now),
        status: "assigned",
      },
      {
        code: "WO-2026-000105",
        kind: "install",
        customerName: "陈刚 Chen Gang",
        address: "滨江花园 2 栋 1101",
        contact: "137 0000 1105",
        service: "IPTV + 宽带",
        assignedTo: id("lineman2"),
        keyCustomer: false,
        scheduledFor: isoDay(0, now),
        status: "assigned",
      },
      {
        code: "WO-2026-000099",
        kind: "repair",
        customerName: "刘洋 Liu Yang",
        address: "文一路 9 号 502",
        contact: "136 0000 1099",
        service: "宽带不通 / no broadband",
        assignedTo: lineman,
        keyCustomer: false,
        scheduledFor: isoDay(-2, now),
        status: "closed",
        // closed the evening of its day: quality's work-order checks sample orders by when they were closed
        closedAt: new Date(now.getTime() - 2 * 86_400_000),
      },
      // the office desk: a key customer still waiting for a lineman, and an order withdrawn before dispatch
      {
        code: "WO-2026-000106",
        kind: "install",
        customerName: "城东小学 Chengdong Primary School",
        address: "城东路 88 号 行政楼",
        contact: "0571-8612 0106",
        service: "专线 100M / private line 100M",
        assignedTo: null,
        keyCustomer: true,
        dueAt: new Date(now.getTime() + 3 * 3_600_000),
        scheduledFor: isoDay(0, now),
        status: "assigned",
        notes: "上课时间外施工 / work outside class hours",
      },
      {
        code: "WO-2026-000098",
        kind: "move",
        customerName: "王芳 Wang Fang",
        address: "学院路 21 号 203",
        contact: "138 0000 1098",
        service: "宽带移机 / broadband move",
        assignedTo: null,
        keyCustomer: false,
        scheduledFor: isoDay(-3, now),
        status: "cancelled",
        statusReason: "客户暂缓搬家 / customer postponed the move",
        closedAt: new Date(now.getTime() - 2 * 86_400_000),
      },
    ]);
  });
  // the reminders of the seeding day, as the 08:00 job would have raised them (a new server's first run is tomorrow's)
  await raiseInstrumentReminders(db, now);
  await seedComplaints(db, now);
  await seedWarehouse(db, now);
  await seedQuality(db, now);
  await seedQualityBilling(db, now);
  await seedProperty(db, now);
  await seedAnalysis(db, now);
  return true;
}
