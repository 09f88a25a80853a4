/** Factories for customer property's server tests (issue 16): people with a phone, cases, rounds, results. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { propertyCases, propertyDocuments, type TWorksProject } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { TDocumentKind, TItemResult } from "@/domain/property/model";
import type { TPbxApplicationInput, TRoundResultInput } from "@/domain/property/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { SIGNATURE } from "@/tests/helpers/instruments";
import { warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";
import { storeEvidence } from "@/server/evidence/service";

export type TPropertyPerson = TWarehousePerson;

/** The department of every person made here, so a round's departments follow its inspectors (see `schedule`). */
const departmentOf = new Map<string, TDepartment>();

/** A signed-in person with a phone (push) of this role and department. */
export async function propertyPerson(db: Db, role: TRole, department: TDepartment): Promise<TPropertyPerson> {
  const p = await warehousePerson(db, role, department);
  departmentOf.set(p.id, department);
  return p;
}

/** The departments of these people (made by propertyPerson), each once, in their order. */
export function departmentsOf(userIds: readonly string[]): TDepartment[] {
  return [
    ...new Set(
      userIds.map((id) => {
        const d = departmentOf.get(id);
        if (!d) throw new Error(`${id} was not made by propertyPerson: say the round's departments`);
        return d;
      }),
    ),
  ];
}

/** The demo registry (server/seed/demo.ts): a valid PBX certificate, an expired one. */
export const VALID_PBX = { certificateNo: "03-A511-240178", model: "KX-TES824CN" } as const;
export const EXPIRED_PBX = { certificateNo: "03-A498-186502", model: "JSY2000-06" } as const;

let phoneNo = 1000;
/** A valid PBX application (a new customer phone each call). */
export function pbxInput(o: Partial<TPbxApplicationInput> = {}): TPbxApplicationInput {
  return {
    customerName: "上海某贸易有限公司 Shanghai Trading Co.",
    customerPhone: `021-6${String(++phoneNo).padStart(7, "0")}`,
    customerAddress: "浦东新区世纪大道 100 号 12 楼",
    ...VALID_PBX,
    manufacturer: "松下电器",
    capacity: "8 外线 / 24 分机",
    standard: "模拟",
    connection: "模拟中继",
    power: "220V 交流 + UPS",
    ancillary: "话务台 1 台",
    trunkLines: 8,
    appliedOn: operatorToday(),
    note: "",
    ...o,
  };
}

export const today = () => operatorToday();
export const inDays = (n: number) => addDays(operatorToday(), n);

/** A works case put in place directly (recording works is H-works' use case), with documents of these kinds on file. */
export async function worksCase(
  db: Db,
  createdBy: string,
  documents: TDocumentKind[] = ["design", "test_report"],
): Promise<{ id: string; code: string; version: number }> {
  const id = randomUUID();
  const code = `CW-TEST-${id.slice(0, 8)}`;
  const details: TWorksProject = {
    projectName: "园区综合布线",
    constructorName: "某通信工程公司",
    scope: "楼内综合布线及光缆接入",
    agreementKind: "acceptance",
    parties: "客户与运营商",
    startsOn: operatorToday(),
    endsOn: addDays(operatorToday(), 365),
    signatureSha256: null,
  };
  await db.insert(propertyCases).values({
    id,
    code,
    kind: "works",
    status: "recorded",
    customerName: "某科技园",
    customerPhone: "021-55550000",
    customerPhoneDigits: "02155550000",
    customerAddress: "张江路 1 号",
    details,
    appliedOn: operatorToday(),
    createdBy,
  });
  for (const kind of documents) await addDocument(db, id, kind, createdBy);
  return { id, code, version: 1 };
}

/** A document on file (an image kept in the evidence store). */
export async function addDocument(db: Db, caseId: string, kind: TDocumentKind, userId: string): Promise<string> {
  const sha256 = await storeEvidence(db, { photo: { mime: "image/png", base64: Buffer.from(`${caseId} ${kind}`).toString("base64") }, userId });
  await db
    .insert(propertyDocuments)
    .values({ id: randomUUID(), caseId, kind, fileName: `${kind}.png`, mime: "image/png", bytes: 10, sha256, uploadedBy: userId });
  return sha256;
}

export async function caseRow(db: Db, id: string) {
  const [row] = await db.select().from(propertyCases).where(eq(propertyCases.id, id));
  return row!;
}

/** Results for items as a phone sends them: pass unless listed as failed (a failed item says why). */
export function results(itemIds: readonly string[], failed: readonly string[] = [], extra: Partial<TRoundResultInput> = {}): TRoundResultInput[] {
  return itemIds.map((itemId) => {
    const result: TItemResult = failed.includes(itemId) ? "fail" : "pass";
    return { itemId, result, measurement: "", note: result === "fail" ? "不符合 / does not comply" : "", ...extra };
  });
}

/** Every inspector's signature. */
export const signatures = (userIds: readonly string[]) => userIds.map((userId) => ({ userId, signature: SIGNATURE }));

/** A whole round's submission as the phone sends its last (or only) part. */
export function submitArgs(roundId: string, itemIds: readonly string[], o: { failed?: string[]; signers: string[]; final?: boolean; inspectedAt?: string }) {
  return {
    roundId,
    results: results(itemIds, o.failed ?? []),
    signatures: signatures(o.signers),
    note: "",
    inspectedAt: o.inspectedAt ?? new Date().toISOString(),
    final: o.final ?? true,
  };
}

type TCaller = TPropertyPerson["caller"];

/** Schedules a round for today with these inspectors, their departments taking part (unless `departments` says). */
export async function schedule(org: TPropertyPerson, caseId: string, inspectorIds: string[], o: { extraItemIds?: string[]; departments?: TDepartment[] } = {}) {
  const { version } = await org.caller.property.get({ id: caseId });
  return org.caller.property.schedule({
    caseId,
    version,
    scheduledFor: operatorToday(),
    inspectorIds,
    departments: o.departments ?? departmentsOf(inspectorIds),
    extraItemIds: o.extraItemIds ?? [],
    note: "",
  });
}

/** The case's latest round as the office reads it. */
export async function lastRound(caller: TCaller, caseId: string) {
  const c = await caller.property.get({ id: caseId });
  return c.rounds.at(-1)!;
}

/** Submits the case's latest round from `by`'s phone in one part, every inspector signing; `failed` items fail. */
export async function inspect(by: TPropertyPerson, reader: TCaller, caseId: string, o: { failed?: number[]; signers: string[] }) {
  const round = await lastRound(reader, caseId);
  const ids = round.items.map((i) => i.itemId);
  const failed = (o.failed ?? []).map((n) => ids[n]!);
  const r = await by.push("propertyRound.submit", submitArgs(round.id, ids, { failed, signers: o.signers }));
  if (r.status !== "applied") throw new Error(`round not applied: ${JSON.stringify(r)}`);
  return { round, failed };
}

/** The current version of a case. */
export const versionOf = async (caller: TCaller, caseId: string) => (await caller.property.get({ id: caseId })).version;
