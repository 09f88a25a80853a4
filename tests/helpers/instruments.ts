import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "@/db/client";
import { instrumentLoans, instruments } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { nextCalibrationDue } from "@/domain/instruments/calibration";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import type { TMutationResult } from "@/domain/sync/protocol";
import { login, type Caller } from "./context";
import { cursorReaches, envelope, newDevice, xidNow } from "./sync";
import { makeUser } from "./users";

/** A real (tiny) PNG: what signature_pad sends, as far as the server checks (magic bytes). */
export const PNG_BASE64 = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(40)]).toString("base64");
export const SIGNATURE = { mime: "image/png" as const, base64: PNG_BASE64, strokes: [{ points: [{ x: 1, y: 2, time: 3 }] }] };

let tagCounter = Math.floor(Math.random() * 400_000);
/** A unique IN-NNNNNN tag. */
export function nextTag(): string {
  return `IN-${String(++tagCounter).padStart(6, "0")}`;
}

/**
 * Inserts an instrument directly (as an intake would): available, calibrated 100 days ago (passed), public OTDR unless
 * told. A special one without a keeper gets one of its department (Procedure 4: a named keeper, issue 16).
 */
export async function makeInstrument(db: Db, over: Partial<typeof instruments.$inferInsert> & { calibratedDaysAgo?: number } = {}) {
  const { calibratedDaysAgo, ...rest } = over;
  if (rest.category === "special" && rest.keeperId === undefined)
    rest.keeperId = (await makeUser(db, { role: "department_head", department: rest.department ?? "technology_development" })).id;
  const calibratedOn = addDays(operatorToday(), -(calibratedDaysAgo ?? 100));
  const [row] = await db
    .insert(instruments)
    .values({
      assetTag: nextTag(),
      name: "光时域反射仪 OTDR",
      model: "AQ7280",
      serial: randomUUID().slice(0, 8),
      kind: `kind-${randomUUID().slice(0, 8)}`,
      category: "public",
      department: "technology_development",
      location: "仪表室",
      intakeDate: "2022-01-10",
      serviceLifeYears: 8,
      status: "available",
      calibratedOn,
      calibrationDue: nextCalibrationDue(calibratedOn),
      calibrationResult: "passed",
      ...rest,
    })
    .returning();
  return row!;
}

export async function instrumentById(db: Db, id: string) {
  const [row] = await db.select().from(instruments).where(eq(instruments.id, id));
  return row!;
}

export async function loanById(db: Db, id: string) {
  const [row] = await db.select().from(instrumentLoans).where(eq(instrumentLoans.id, id));
  return row;
}

/** A signed-in person with a registered phone that sends queued changes in seq order. */
export class Phone {
  seq = 0;
  constructor(
    readonly caller: Caller,
    readonly deviceId: string,
    readonly user: { id: string; username: string; role: TRole; department: TDepartment },
  ) {}

  /** Sends one mutation as the next seq; returns its result. */
  async send(name: string, args: unknown, opts: { clientTime?: string; schemaVersion?: number } = {}): Promise<TMutationResult> {
    const m = envelope(this.deviceId, ++this.seq, name, args, opts);
    const answer = await this.caller.sync.push({ deviceId: this.deviceId, mutations: [m] });
    return answer.results[0]!;
  }

  /** Sends several mutations in one batch. */
  async sendBatch(items: { name: string; args: unknown }[]): Promise<TMutationResult[]> {
    const ms = items.map((i) => envelope(this.deviceId, ++this.seq, i.name, i.args));
    return (await this.caller.sync.push({ deviceId: this.deviceId, mutations: ms })).results;
  }
}

/** A new user of this role (and department), signed in, with a registered phone. */
export async function phoneFor(db: Db, role: TRole, department: TDepartment = "terminal_service", username?: string): Promise<Phone> {
  const u = await makeUser(db, { role, department, username });
  const { caller } = await login(db, u.username, u.password);
  return new Phone(caller, await newDevice(caller), { id: u.id, username: u.username, role, department });
}

export const newId = () => uuidv7();

type Pulled = Awaited<ReturnType<Caller["sync"]["pull"]>>;

/**
 * Pulls from `cursor` until caught up with every write made before the call (a shared PostgreSQL may hold pulls
 * back while another test file's transaction is open), merging the instrument feeds of all pages.
 */
export async function pullUntilNow(p: Phone, db: Db, cursor = "0") {
  const until = await xidNow(db);
  const acc = {
    instruments: [] as Pulled["instruments"],
    instrumentLoans: [] as Pulled["instrumentLoans"],
    instrumentHandovers: [] as Pulled["instrumentHandovers"],
    instrumentSettings: [] as Pulled["instrumentSettings"],
    cursor,
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await p.caller.sync.pull({ deviceId: p.deviceId, cursor: acc.cursor });
    acc.instruments.push(...page.instruments);
    acc.instrumentLoans.push(...page.instrumentLoans);
    acc.instrumentHandovers.push(...page.instrumentHandovers);
    acc.instrumentSettings.push(...page.instrumentSettings);
    acc.cursor = page.cursor;
    if (!page.hasMore && cursorReaches(page.cursor, until)) return acc;
    if (Date.now() > deadline) throw new Error(`pull did not catch up with ${until} in 30 s`);
    if (!page.hasMore) await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A short loan as Procedure 4 makes it since issue 16 (ADR 0040): the borrower asks by scan, the custodian hands the
 * instrument out (nothing missing). Returns the loan id and the custodian's answer (or the borrower's, if refused).
 */
export async function lend(custodian: Phone, borrower: Phone, instrumentId: string, extra: Record<string, unknown> = {}) {
  const loanId = newId();
  const asked = await borrower.send("instrument.borrow", { loanId, instrumentId, term: "short", ...extra });
  if (asked.status !== "applied") return { loanId, result: asked };
  const result = await custodian.send("instrument.issue", { loanId, instrumentId, borrowerUsername: borrower.user.username, check: { missing: [] } });
  return { loanId, result };
}

/** The custodian confirms a return (nothing missing unless told). */
export function takeBack(custodian: Phone, loanId: string, instrumentId: string, extra: Record<string, unknown> = {}) {
  return custodian.send("instrument.confirmReturn", { loanId, instrumentId, condition: "good", note: "", check: { missing: [] }, ...extra });
}
