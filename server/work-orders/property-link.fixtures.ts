import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { maintenanceAgreements, propertyCases } from "@/db/schema";
import { phoneDigits, type TCaseKind, type TCaseStatus } from "@/domain/property/model";

let n = 0;
const seq = () => String((process.pid * 100 + ++n) % 10_000).padStart(4, "0");

/** A PBX application or works case written directly (as customer service and the inspectors would leave it). */
export async function makeCase(db: Db, opts: { kind: TCaseKind; status: TCaseStatus; createdBy: string; phone?: string; customerName?: string }) {
  const phone = opts.phone ?? "138 0000 0000";
  const details =
    opts.kind === "pbx"
      ? {
          certificateNo: "03-A511-240178",
          model: "KX-TES824CN",
          manufacturer: "Panasonic",
          capacity: "8 外线 / 24 分机",
          standard: "模拟 Analogue",
          connection: "模拟中继 Analogue trunk",
          power: "AC 220V + UPS",
          ancillary: "话务台 1 台 Operator console",
          trunkLines: 8,
          registry: { verdict: "valid" as const, applicant: "松下", equipmentName: "用户交换机", expiryDate: "2029-03-01" },
        }
      : {
          projectName: "园区综合布线 Campus cabling",
          constructorName: "某通信工程公司",
          scope: "3 栋楼宇综合布线及机房",
          agreementKind: "acceptance" as const,
          parties: "客户 / 运营商",
          startsOn: "2026-01-01",
          endsOn: "2026-12-31",
          signatureSha256: null,
        };
  const [row] = await db
    .insert(propertyCases)
    .values({
      id: randomUUID(),
      code: `${opts.kind === "pbx" ? "PBX" : "CW"}-2099-${seq()}`,
      kind: opts.kind,
      status: opts.status,
      customerName: opts.customerName ?? "测试客户 Test Customer",
      customerPhone: phone,
      customerPhoneDigits: phoneDigits(phone),
      customerAddress: "测试路 1 号",
      details,
      appliedOn: "2026-01-05",
      createdBy: opts.createdBy,
    })
    .returning();
  return row!;
}

export async function caseRow(db: Db, id: string) {
  const [row] = await db.select().from(propertyCases).where(eq(propertyCases.id, id));
  return row!;
}

/** Moves a case to a status as the property workflow would (a round passed, a cancellation), bumping its version. */
export async function setCaseStatus(db: Db, id: string, status: TCaseStatus) {
  const c = await caseRow(db, id);
  await db
    .update(propertyCases)
    .set({ status, version: c.version + 1, updatedAt: new Date() })
    .where(eq(propertyCases.id, id));
}

/** An equipment maintenance agreement (设备代维协议) written directly. */
export async function makeAgreement(
  db: Db,
  opts: { createdBy: string; phone: string; startsOn: string; endsOn: string; status?: "active" | "ended" | "cancelled"; equipment?: string[] },
) {
  const [row] = await db
    .insert(maintenanceAgreements)
    .values({
      id: randomUUID(),
      code: `MA-2099-${seq()}`,
      status: opts.status ?? "active",
      customerName: "测试客户 Test Customer",
      customerPhone: opts.phone,
      customerPhoneDigits: phoneDigits(opts.phone),
      customerAddress: "测试路 1 号",
      equipment: opts.equipment ?? ["打印机 HP M1136", "台式电脑 ×2"],
      appliedOn: opts.startsOn,
      startsOn: opts.startsOn,
      endsOn: opts.endsOn,
      terms: "每季度上门保养一次；故障 24 小时内响应。Quarterly visit; faults answered within 24 hours.",
      createdBy: opts.createdBy,
    })
    .returning();
  return row!;
}
