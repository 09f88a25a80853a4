import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  billingChecks,
  complaints,
  correctiveActions,
  equipmentCheckWithdrawals,
  equipmentChecks,
  exchanges,
  instrumentCalibrations,
  instrumentLoans,
  instruments,
  keyCustomers,
  nonconformities,
  propertyCases,
  propertyLetters,
  propertyRounds,
  serviceLimitPolicies,
  spotCheckMarks,
  spotChecks,
  workOrders,
} from "@/db/schema";
import { DEFAULT_POLICY } from "@/domain/complaints/deadlines";
import { makeUser } from "@/tests/helpers/users";

/**
 * A few rows of every kind periodMetrics counts, around the operator month 2026-11 (2026-10-31T16:00Z …
 * 2026-11-30T16:00Z), each commented with what it adds; metrics.test.ts asserts the sums.
 */
export async function seedMetricsRows(db: Db): Promise<void> {
  const q = await makeUser(db, { role: "quality", department: "enterprise_management" });
  const at = (s: string) => new Date(s);
  let n = 0;
  const code = (p: string) => `${p}-M-${++n}`;

  // ── work orders ──
  const wo = (
    kind: "install" | "move" | "repair",
    status: "assigned" | "closed" | "cancelled",
    created: string,
    due: string | null,
    closed: string | null,
  ) => ({
    code: code("WO"),
    kind,
    customerName: "客户",
    address: "地址",
    contact: "13800000000",
    service: "fixed_line",
    scheduledFor: created.slice(0, 10),
    status,
    createdAt: at(created),
    dueAt: due ? at(due) : null,
    closedAt: closed ? at(closed) : null,
  });
  const orders = await db
    .insert(workOrders)
    .values([
      wo("install", "closed", "2026-10-31T16:00:00Z", "2026-11-05T00:00:00Z", "2026-11-04T00:00:00Z"), // created (first instant), closed on time
      wo("install", "closed", "2026-10-31T15:59:59Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"), // created in October; closed late
      wo("install", "assigned", "2026-11-10T02:00:00Z", "2026-11-20T00:00:00Z", null), // created; open past due at the end
      wo("repair", "closed", "2026-11-25T02:00:00Z", null, "2026-11-26T02:00:00Z"), // created; closed, no due time = on time
      wo("repair", "cancelled", "2026-11-20T02:00:00Z", "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"), // created; cancelled: neither
      wo("move", "closed", "2026-09-01T02:00:00Z", "2026-09-05T00:00:00Z", "2026-12-02T00:00:00Z"), // open past due at the end
      wo("install", "assigned", "2026-11-30T16:00:00Z", "2026-11-30T17:00:00Z", null), // December: nothing
    ])
    .returning({ id: workOrders.id });
  const orderId = orders[0]!.id;

  // ── complaints ──
  await db.insert(serviceLimitPolicies).values({ version: 1, limits: DEFAULT_POLICY, note: "test" }).onConflictDoNothing();
  const [key] = await db
    .insert(keyCustomers)
    .values({ name: `重点客户 ${randomUUID()}`, category: "government", contacts: [], phoneDigits: ["13900000000"] })
    .returning({ id: keyCustomers.id });
  const form = (
    kind: "complaint" | "inquiry" | "service_request",
    category: string | null,
    received: string,
    o: { key?: boolean; due?: string; replied?: string; callback?: string; satisfaction?: number } = {},
  ) => ({
    id: randomUUID(),
    code: code("TS"),
    kind,
    serviceType: kind === "service_request" ? ("install" as const) : null,
    channel: "counter" as const,
    customerName: "客户",
    contact: "13900000000",
    contactDigits: "13900000000",
    words: "话",
    keyCustomerId: o.key ? key!.id : null,
    category,
    status: "recorded" as const,
    receivedAt: at(received),
    dueAt: at(o.due ?? "2026-12-31T00:00:00Z"),
    policyVersion: 1,
    repliedAt: o.replied ? at(o.replied) : null,
    callbackAt: o.callback ? at(o.callback) : null,
    satisfaction: o.satisfaction ?? null,
    recordedBy: q.id,
  });
  await db.insert(complaints).values([
    form("complaint", "billing", "2026-11-03T02:00:00Z", { callback: "2026-11-20T02:00:00Z", satisfaction: 5 }), // received; callback satisfied
    form("complaint", "billing", "2026-11-15T02:00:00Z", { callback: "2026-11-21T02:00:00Z", satisfaction: 3 }), // received; callback not satisfied
    form("complaint", "fault_repair", "2026-11-16T02:00:00Z", { callback: "2026-12-05T02:00:00Z", satisfaction: 5 }), // received; callback in December
    form("complaint", null, "2026-11-17T02:00:00Z"), // received, not classified
    form("inquiry", "billing", "2026-11-18T02:00:00Z"), // an inquiry: byKind only
    form("complaint", "billing", "2026-10-31T15:00:00Z", { callback: "2026-11-02T02:00:00Z", satisfaction: 4 }), // October; callback satisfied
    // key customers: answered in time (a service request), and answered in November late (received in October)
    form("service_request", null, "2026-11-01T02:00:00Z", { key: true, due: "2026-11-02T00:00:00Z", replied: "2026-11-01T20:00:00Z" }),
    form("complaint", "billing", "2026-10-20T02:00:00Z", { key: true, due: "2026-10-21T02:00:00Z", replied: "2026-11-02T02:00:00Z" }),
  ]);

  // ── nonconformities and corrective actions ──
  const nc = (
    finding: "wrong_label" | "billing_error" | "other",
    department: "terminal_service" | "customer_service" | "switching_transmission",
    cause: "man" | "method" | null,
    raised: string,
  ) => ({
    code: code("NC"),
    source: "other" as const,
    finding,
    department,
    description: "发现",
    raisedBy: q.id,
    raisedAt: at(raised),
    status: "action" as const,
    causeCategory: cause,
  });
  const ncs = await db
    .insert(nonconformities)
    .values([
      nc("wrong_label", "terminal_service", "man", "2026-11-05T02:00:00Z"),
      nc("wrong_label", "customer_service", null, "2026-11-06T02:00:00Z"),
      nc("billing_error", "switching_transmission", "method", "2026-11-07T02:00:00Z"),
      nc("other", "terminal_service", null, "2026-10-01T02:00:00Z"), // October
      nc("other", "terminal_service", null, "2026-10-02T02:00:00Z"), // October
    ])
    .returning({ id: nonconformities.id });
  const ca = (
    i: number,
    status: "sent" | "planned" | "implemented" | "closed",
    sent: string,
    requiredBy: string,
    o: { actionDueOn?: string; implementedOn?: string; closed?: string } = {},
  ) => ({
    code: code("CA"),
    nonconformityId: ncs[i]!.id,
    department: "terminal_service" as const,
    description: "措施",
    requiredBy,
    status,
    actionDueOn: o.actionDueOn ?? null,
    implementedOn: o.implementedOn ?? null,
    sentBy: q.id,
    sentAt: at(sent),
    closedAt: o.closed ? at(o.closed) : null,
  });
  await db.insert(correctiveActions).values([
    ca(0, "sent", "2026-11-05T02:00:00Z", "2026-11-20"), // open; plan overdue
    ca(1, "planned", "2026-11-06T02:00:00Z", "2026-11-10", { actionDueOn: "2026-12-10" }), // open; action not yet due
    ca(2, "implemented", "2026-11-07T02:00:00Z", "2026-11-09", { actionDueOn: "2026-11-09", implementedOn: "2026-11-10" }), // open; verify by 11-24: overdue
    ca(3, "closed", "2026-10-01T02:00:00Z", "2026-10-10", { implementedOn: "2026-10-09", closed: "2026-10-20T02:00:00Z" }), // closed before the end
    ca(4, "closed", "2026-10-02T02:00:00Z", "2026-10-10", { implementedOn: "2026-11-25", closed: "2026-12-03T02:00:00Z" }), // open at the end; verify by 12-09
  ]);

  // ── equipment checks ──
  const check = (result: "valid" | "expired" | "unknown", time: string) => ({
    id: randomUUID(),
    workOrderId: orderId,
    equipmentType: "telephone" as const,
    labelKind: "license_mark" as const,
    entry: "scan" as const,
    clientResult: result,
    serverResult: result,
    outcome: result === "valid" ? ("connected" as const) : ("refused" as const),
    serverTime: at(time),
  });
  const checks = [
    check("valid", "2026-11-05T02:00:00Z"),
    check("expired", "2026-11-06T02:00:00Z"),
    check("unknown", "2026-11-07T02:00:00Z"),
    check("expired", "2026-11-08T02:00:00Z"), // withdrawn below
    check("expired", "2026-12-01T02:00:00Z"), // December
  ];
  await db.insert(equipmentChecks).values(checks);
  await db.insert(equipmentCheckWithdrawals).values({ checkId: checks[3]!.id, workOrderId: orderId, reason: "recorded in error" });

  // ── label spot-check marks ──
  const checkId = randomUUID();
  await db.insert(spotChecks).values({ id: checkId, code: code("SC"), target: "zone", planned: false, status: "submitted", createdBy: q.id });
  const mark = (result: "correct" | "wrong_label", time: string) => ({
    id: randomUUID(),
    checkId,
    labelKind: "equipment" as const,
    result,
    markedAt: at(time),
  });
  await db
    .insert(spotCheckMarks)
    .values([
      mark("correct", "2026-11-02T02:00:00Z"),
      mark("correct", "2026-11-03T02:00:00Z"),
      mark("wrong_label", "2026-11-04T02:00:00Z"),
      mark("correct", "2026-10-30T02:00:00Z"),
    ]);

  // ── billing ──
  await db.insert(exchanges).values([
    { code: "MX1", nameZh: "一号局", nameEn: "Exchange 1" },
    { code: "MX2", nameZh: "二号局", nameEn: "Exchange 2" },
  ]);
  await db.insert(billingChecks).values([
    { exchangeCode: "MX1", month: "2026-11", dueOn: "2026-11-10", status: "recorded", callsPlaced: 1000, billedCorrectly: 998 },
    { exchangeCode: "MX2", month: "2026-11", dueOn: "2026-11-10", status: "open" },
    { exchangeCode: "MX1", month: "2026-10", dueOn: "2026-10-10", status: "recorded", callsPlaced: 500, billedCorrectly: 500 },
  ]);

  // ── property cases and rectification letters ──
  const pcase = (status: "recorded" | "connected" | "rectifying" | "cancelled", created: string, o: { connected?: string; updated?: string } = {}) => ({
    id: randomUUID(),
    code: code("PBX"),
    kind: "pbx" as const,
    status,
    customerName: "客户",
    customerPhone: "13700000000",
    customerPhoneDigits: "13700000000",
    customerAddress: "地址",
    details: {} as never,
    appliedOn: created.slice(0, 10),
    createdBy: q.id,
    createdAt: at(created),
    connectedAt: o.connected ? at(o.connected) : null,
    updatedAt: at(o.updated ?? created),
  });
  const cases = [
    pcase("recorded", "2026-11-02T02:00:00Z"), // open
    pcase("connected", "2026-11-01T02:00:00Z", { connected: "2026-11-20T02:00:00Z" }), // connected in November
    pcase("connected", "2026-11-01T02:00:00Z", { connected: "2026-12-03T02:00:00Z" }), // open at the end
    pcase("rectifying", "2026-12-02T02:00:00Z"), // December
    pcase("cancelled", "2026-11-01T02:00:00Z", { updated: "2026-11-15T02:00:00Z" }), // cancelled in November
  ];
  await db.insert(propertyCases).values(cases);
  const round = (caseIx: number, roundNo: number) => ({
    id: randomUUID(),
    caseId: cases[caseIx]!.id,
    roundNo,
    status: "failed" as const,
    scheduledFor: "2026-11-05",
    departments: [],
    scheduledBy: q.id,
  });
  const rounds = [round(0, 1), round(0, 2), round(2, 1)];
  await db.insert(propertyRounds).values(rounds);
  const letter = (r: number, deadline: string, rectified: string | null) => ({
    id: randomUUID(),
    code: code("RL"),
    caseId: rounds[r]!.caseId,
    roundId: rounds[r]!.id,
    deadline,
    items: [],
    issuedBy: q.id,
    issuedAt: at("2026-11-06T02:00:00Z"),
    rectifiedAt: rectified ? at(rectified) : null,
  });
  await db.insert(propertyLetters).values([
    letter(0, "2026-11-20", null), // overdue
    letter(1, "2026-11-30", null), // due on the last day: not yet overdue
    letter(2, "2026-11-29", "2026-11-28T02:00:00Z"), // rectified
  ]);

  // ── instruments ──
  const inst = (tag: string, o: Partial<typeof instruments.$inferInsert>) => ({
    assetTag: `MT-${tag}-${randomUUID().slice(0, 6)}`,
    name: "OTDR",
    model: "AQ7280",
    serial: tag,
    category: "public" as const,
    department: "technology_development" as const,
    location: "仪表室",
    intakeDate: "2022-01-10",
    serviceLifeYears: 8,
    status: "available" as const,
    calibrationResult: "passed" as const,
    ...o,
  });
  const ins = await db
    .insert(instruments)
    .values([
      inst("i1", { calibratedOn: "2024-11-01", calibrationDue: "2026-11-01" }), // overdue (register only)
      inst("i2", { calibratedOn: "2024-11-30", calibrationDue: "2026-11-30" }), // due on the last day: not overdue
      inst("i3", { calibratedOn: "2026-12-05", calibrationDue: "2028-12-05" }), // recalibrated in December: overdue in November (records)
      inst("i4", { calibratedOn: "2025-01-01", calibrationDue: "2026-01-01", calibrationResult: "failed" }), // failed, not "overdue"
      inst("i5", { calibratedOn: "2024-01-01", calibrationDue: "2026-01-01", status: "scrapped" }), // scrapped
    ])
    .returning({ id: instruments.id });
  await db.insert(instrumentCalibrations).values([
    { instrumentId: ins[2]!.id, certificateNo: "C-1", lab: "计量所", calibratedOn: "2024-11-10", result: "passed", nextDue: "2026-11-10" },
    { instrumentId: ins[2]!.id, certificateNo: "C-2", lab: "计量所", calibratedOn: "2026-12-05", result: "passed", nextDue: "2028-12-05" },
  ]);
  const loan = (i: number, status: "active" | "returned" | "requested", borrowed: string | null, ended: string | null) => ({
    id: randomUUID(),
    instrumentId: ins[i]!.id,
    borrowerId: q.id,
    department: "enterprise_management" as const,
    term: "short" as const,
    status,
    borrowedOn: borrowed,
    endedOn: ended,
  });
  await db.insert(instrumentLoans).values([
    loan(1, "active", "2026-11-10", null), // out at the end
    loan(0, "returned", "2026-11-01", "2026-11-15"), // back in November
    loan(3, "returned", "2026-11-20", "2026-12-02"), // out at the end, back in December
    loan(0, "requested", null, null), // never out
  ]);
}
