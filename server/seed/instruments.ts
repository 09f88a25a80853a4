import "server-only";
import { eq } from "drizzle-orm";
import type { TDepartment } from "@/domain/auth/roles";
import { nextCalibrationDue } from "@/domain/instruments/calibration";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { maxShortDue } from "@/domain/instruments/loans";
import type { TInstrumentCategory, TInstrumentStatus } from "@/domain/instruments/status";
import type { Db } from "@/db/client";
import { instrumentCalibrations, instrumentFaults, instrumentLoans, instrumentUsage, instruments } from "@/db/schema";

const LAB = "市通信计量站 City telecom metrology station";

interface DemoInstrument {
  assetTag: string;
  name: string;
  model: string;
  serial: string;
  kind: string;
  category: TInstrumentCategory;
  department: TDepartment;
  keeper: string;
  location: string;
  intakeDate: string;
  serviceLifeYears: number;
  status: TInstrumentStatus;
  /** Days before today of the last calibration, and its result. */
  calibratedDaysAgo: number;
  result?: "passed" | "failed";
}

const DEMO: DemoInstrument[] = [
  {
    assetTag: "IN-000301",
    name: "光时域反射仪 OTDR",
    model: "AQ7280",
    serial: "Y2K1039",
    kind: "otdr",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2021-03-15",
    serviceLifeYears: 8,
    status: "available",
    calibratedDaysAgo: 400,
  },
  {
    assetTag: "IN-000302",
    name: "光功率计 / Optical power meter",
    model: "JW3208",
    serial: "JW88213",
    kind: "optical power meter",
    category: "special",
    department: "terminal_service",
    keeper: "head",
    location: "终端服务部",
    intakeDate: "2022-06-01",
    serviceLifeYears: 6,
    status: "on_loan",
    calibratedDaysAgo: 700,
  },
  {
    assetTag: "IN-000303",
    name: "数字万用表 / Digital multimeter",
    model: "F17B+",
    serial: "47210933",
    kind: "multimeter",
    category: "special",
    department: "terminal_service",
    keeper: "head",
    location: "终端服务部",
    intakeDate: "2020-09-10",
    serviceLifeYears: 6,
    status: "available",
    calibratedDaysAgo: 760,
  },
  {
    assetTag: "IN-000304",
    name: "电缆故障测试仪 / Cable fault locator",
    model: "T-30E",
    serial: "T30-5521",
    kind: "cable fault locator",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2019-11-20",
    serviceLifeYears: 10,
    status: "at_repair",
    calibratedDaysAgo: 200,
  },
  {
    assetTag: "IN-000305",
    name: "网络测试仪 / Network tester",
    model: "LinkRunner AT",
    serial: "LR-77120",
    kind: "network tester",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2023-02-01",
    serviceLifeYears: 8,
    status: "available",
    calibratedDaysAgo: 100,
  },
  {
    assetTag: "IN-000306",
    name: "光时域反射仪 OTDR",
    model: "AQ7280",
    serial: "Y2K2210",
    kind: "otdr",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2023-05-20",
    serviceLifeYears: 8,
    status: "available",
    calibratedDaysAgo: 300,
  },
  {
    assetTag: "IN-000307",
    name: "PCM 话路特性测试仪 / PCM channel analyser",
    model: "PCM-4",
    serial: "P4-0093",
    kind: "pcm analyser",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2012-04-01",
    serviceLifeYears: 10,
    status: "available",
    calibratedDaysAgo: 500,
  },
  {
    assetTag: "IN-000308",
    name: "光功率计 / Optical power meter",
    model: "JW3208",
    serial: "JW90114",
    kind: "optical power meter",
    category: "public",
    department: "technology_development",
    keeper: "custodian",
    location: "技术发展部仪表室",
    intakeDate: "2022-06-01",
    serviceLifeYears: 6,
    status: "available",
    calibratedDaysAgo: 20,
    result: "failed",
  },
];

/**
 * Demo instruments: a register with one loan out (due soon, its permit about to lapse), an overdue calibration,
 * one at the repairer, a failed calibration, one past its service life, two OTDRs (the dispatch reserve) and a
 * long-term request waiting for the terminal service head. `id` maps demo usernames to user ids.
 */
export async function seedInstruments(tx: Db, id: (username: string) => string, now: Date): Promise<void> {
  const today = operatorToday(now);
  const rows = await tx
    .insert(instruments)
    .values(
      DEMO.map((d) => {
        const calibratedOn = addDays(today, -d.calibratedDaysAgo);
        return {
          assetTag: d.assetTag,
          name: d.name,
          model: d.model,
          serial: d.serial,
          kind: d.kind,
          category: d.category,
          department: d.department,
          keeperId: id(d.keeper),
          location: d.location,
          intakeDate: d.intakeDate,
          serviceLifeYears: d.serviceLifeYears,
          status: d.status,
          calibratedOn,
          calibrationDue: nextCalibrationDue(calibratedOn),
          calibrationResult: d.result ?? "passed",
          faultOpen: d.status === "at_repair",
        };
      }),
    )
    .returning({ id: instruments.id, assetTag: instruments.assetTag, calibratedOn: instruments.calibratedOn, intakeDate: instruments.intakeDate });
  const byTag = (tag: string) => rows.find((r) => r.assetTag === tag)!;
  const custodian = id("custodian");

  await tx.insert(instrumentCalibrations).values(
    DEMO.flatMap((d, i) => {
      const on = byTag(d.assetTag).calibratedOn!;
      const earlier = addDays(on, -730);
      const history = earlier >= d.intakeDate ? [{ calibratedOn: earlier, result: "passed" as const, n: 1 }] : [];
      return [...history, { calibratedOn: on, result: d.result ?? ("passed" as const), n: 2 }].map((c) => ({
        instrumentId: byTag(d.assetTag).id,
        certificateNo: `JL${c.calibratedOn.slice(0, 4)}-${String(301 + i).padStart(4, "0")}-${c.n}`,
        lab: LAB,
        calibratedOn: c.calibratedOn,
        result: c.result,
        nextDue: nextCalibrationDue(c.calibratedOn),
        recordedBy: custodian,
      }));
    }),
  );
  await tx
    .insert(instrumentUsage)
    .values(rows.map((r) => ({ instrumentId: r.id, kind: "registered" as const, onDate: r.intakeDate, actorId: custodian, note: "" })));

  // A short-term loan of the special power meter to the lineman, due in a few days.
  const loanId = "0190f3b6-0000-7000-8000-000000000302";
  const borrowedOn = addDays(today, -28);
  const dueOn = maxShortDue(borrowedOn);
  const meter = byTag("IN-000302");
  await tx.insert(instrumentLoans).values({
    id: loanId,
    instrumentId: meter.id,
    borrowerId: id("lineman"),
    department: "terminal_service",
    term: "short",
    status: "active",
    borrowedOn,
    dueOn,
    purpose: "光缆割接 / fibre cut-over",
  });
  await tx
    .update(instruments)
    .set({ holderId: id("lineman"), loanId, loanTerm: "short", loanDueOn: dueOn })
    .where(eq(instruments.id, meter.id));
  await tx.insert(instrumentUsage).values({
    instrumentId: meter.id,
    kind: "borrowed",
    onDate: borrowedOn,
    actorId: id("lineman"),
    holderId: id("lineman"),
    loanId,
    details: { term: "short", dueOn },
  });

  // The cable fault locator is at the designated repairer.
  const locator = byTag("IN-000304");
  await tx.insert(instrumentFaults).values({
    id: "0190f3b6-0000-7000-8000-000000000304",
    instrumentId: locator.id,
    status: "at_repair",
    description: "测距偏差大 / distance reading drifts",
    reportedBy: id("lineman2"),
    reportedAt: new Date(now.getTime() - 6 * 86_400_000),
    repairer: "市通信计量站维修部 / metrology station repair shop",
    sentAt: new Date(now.getTime() - 5 * 86_400_000),
  });
  await tx.insert(instrumentUsage).values([
    { instrumentId: locator.id, kind: "fault_reported", onDate: addDays(today, -6), actorId: id("lineman2"), note: "测距偏差大 / distance reading drifts" },
    { instrumentId: locator.id, kind: "sent_to_repair", onDate: addDays(today, -5), actorId: custodian, note: "市通信计量站维修部" },
  ]);

  // A long-term request for an OTDR, waiting for the terminal service head (the second OTDR stays for dispatch).
  const otdr = byTag("IN-000301");
  await tx.insert(instrumentLoans).values({
    id: "0190f3b6-0000-7000-8000-000000000301",
    instrumentId: otdr.id,
    borrowerId: id("lineman2"),
    department: "terminal_service",
    term: "long",
    status: "requested",
    purpose: "新区光网建设 / new district fibre build-out",
  });
  await tx.insert(instrumentUsage).values({
    instrumentId: otdr.id,
    kind: "loan_requested",
    onDate: today,
    actorId: id("lineman2"),
    holderId: id("lineman2"),
    note: "新区光网建设 / new district fibre build-out",
  });
}
