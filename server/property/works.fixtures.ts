import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { propertyCases, propertyItems, propertyLetters, propertyRoundInspectors, propertyRoundItems, propertyRounds, users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { TCaseKind, TCaseStatus } from "@/domain/property/model";
import type { TWorksInput } from "@/domain/property/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import { createSession, type SessionUser } from "@/server/auth/session";
import { storeEvidence } from "@/server/evidence/service";
import { scribblePng } from "@/server/seed/property-files";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { makeUser } from "@/tests/helpers/users";

/** Test fixtures of customer property (works, documents, PDFs, the overdue job). */
export interface TPerson {
  id: string;
  displayName: string;
  caller: Caller;
  /** `tm_session=<token>` for a Cookie header (the downloads). */
  cookie: string;
  user: SessionUser;
}

/** A user of this role and department, signed in (a caller through the whole tRPC stack). */
export async function person(db: Db, role: TRole, department: TDepartment, name?: string): Promise<TPerson> {
  const u = await makeUser(db, { role, department });
  const { token } = await createSession(db, { userId: u.id });
  const cookie = `tm_session=${token}`;
  const displayName = name ?? u.displayName;
  if (name) await db.update(users).set({ displayName: name }).where(eq(users.id, u.id));
  return {
    id: u.id,
    displayName,
    caller: await callerFor(db, { cookie }),
    cookie,
    user: { id: u.id, username: u.username, displayName, role: u.role, department: u.department },
  };
}

export function worksInput(over: Partial<TWorksInput> = {}): TWorksInput {
  const today = operatorDay(new Date());
  return {
    customerName: "华联商厦 Hualian Mall",
    customerPhone: "0571-8765 4321",
    customerAddress: "中山路 100 号",
    projectName: "华联商厦室内分布系统",
    constructorName: "浙江某通信工程公司",
    scope: "商厦 1-6 层综合布线与光缆引入",
    agreementKind: "acceptance",
    parties: "华联商厦 / 城区分公司",
    startsOn: today,
    endsOn: addDays(today, 365),
    signature: null,
    note: "",
    ...over,
  };
}

/**
 * A case put straight into the tables (the PBX flow is H-core's; these tests need one in a given state): a works or
 * PBX case with this status.
 */
export async function caseRow(db: Db, by: TPerson, o: { kind: TCaseKind; status: TCaseStatus; code: string; customerName?: string }): Promise<string> {
  const id = randomUUID();
  const details =
    o.kind === "pbx"
      ? {
          certificateNo: "03-A511-240178",
          model: "KX-TES824CN",
          manufacturer: "松下 Panasonic",
          capacity: "8 外线 / 24 分机",
          standard: "模拟 Analog",
          connection: "模拟中继 Analog trunk",
          power: "220V AC + UPS",
          ancillary: "计费盒 Call accounting box",
          trunkLines: 4,
          registry: { verdict: "valid" as const, applicant: "松下电器(中国)有限公司", equipmentName: "小型用户交换机 PBX", expiryDate: "2028-01-01" },
        }
      : { ...worksInput(), signatureSha256: null };
  await db.insert(propertyCases).values({
    id,
    code: o.code,
    kind: o.kind,
    status: o.status,
    customerName: o.customerName ?? "恒信贸易公司 Hengxin Trading",
    customerPhone: "0571-8600 3344",
    customerPhoneDigits: "057186003344",
    customerAddress: "商贸城 B 座 9 楼",
    details,
    appliedOn: operatorDay(new Date()),
    createdBy: by.id,
  });
  return id;
}

/**
 * An inspected round put straight into the tables: every active item of the kind's list, `failed` (the first two
 * failed with a note and a measurement) or passed, each inspector signed with a drawn signature; the case takes the
 * round's verdict.
 */
export async function inspectedRound(
  db: Db,
  o: { caseId: string; kind: TCaseKind; roundNo?: number; by: TPerson; inspectors: TPerson[]; failed: boolean; at?: Date },
): Promise<{ roundId: string; failedItems: { clause: string; textZh: string; textEn: string; note: string; measurement: string }[] }> {
  const at = o.at ?? new Date();
  const roundId = randomUUID();
  const items = await db
    .select()
    .from(propertyItems)
    .where(and(eq(propertyItems.kind, o.kind), eq(propertyItems.active, true)))
    .orderBy(asc(propertyItems.sort));
  await db.insert(propertyRounds).values({
    id: roundId,
    caseId: o.caseId,
    roundNo: o.roundNo ?? 1,
    status: o.failed ? "failed" : "passed",
    scheduledFor: operatorDay(at),
    departments: [...new Set(o.inspectors.map((i) => i.user.department))],
    scheduledBy: o.by.id,
    submittedBy: o.inspectors[0]!.id,
    inspectedAt: at,
    submittedAt: at,
  });
  const failedItems: { clause: string; textZh: string; textEn: string; note: string; measurement: string }[] = [];
  await db.insert(propertyRoundItems).values(
    items.map((i, n) => {
      const fail = o.failed && n < 2;
      const measurement = i.unit ? (fail ? "350" : "5") : "";
      const note = fail ? `第${n + 1}项不合格：接地电阻超标 ground resistance too high #${n + 1}` : "";
      if (fail) failedItems.push({ clause: i.clause, textZh: i.textZh, textEn: i.textEn, note, measurement });
      return {
        roundId,
        itemId: i.id,
        clause: i.clause,
        group: i.group,
        textZh: i.textZh,
        textEn: i.textEn,
        unit: i.unit,
        sort: i.sort,
        result: fail ? ("fail" as const) : ("pass" as const),
        measurement,
        note,
      };
    }),
  );
  let seed = 1;
  for (const p of o.inspectors) {
    const sha = await storeEvidence(db, { photo: { mime: "image/png", base64: scribblePng(seed++ + (o.roundNo ?? 1) * 10).toString("base64") }, userId: p.id });
    await db
      .insert(propertyRoundInspectors)
      .values({ roundId, userId: p.id, department: p.user.department, name: p.displayName, signatureSha256: sha, signedAt: at });
  }
  await db
    .update(propertyCases)
    .set({ status: o.failed ? "failed" : "passed", rounds: o.roundNo ?? 1 })
    .where(eq(propertyCases.id, o.caseId));
  return { roundId, failedItems };
}

/** A rectification letter on a failed round (the case rectifying), due `deadline`. */
export async function letterRow(
  db: Db,
  o: {
    caseId: string;
    roundId: string;
    code: string;
    deadline: string;
    by: TPerson;
    items: { clause: string; textZh: string; textEn: string; note: string; measurement: string }[];
  },
): Promise<string> {
  const id = randomUUID();
  await db.insert(propertyLetters).values({
    id,
    code: o.code,
    caseId: o.caseId,
    roundId: o.roundId,
    deadline: o.deadline,
    items: o.items,
    issuedBy: o.by.id,
    note: "请整改后电话告知 Call us when done",
  });
  await db.update(propertyCases).set({ status: "rectifying" }).where(eq(propertyCases.id, o.caseId));
  return id;
}
