/** Rows and a phone store for the instrument read-model tests (not used by the app). */
import "fake-indexeddb/auto";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { Cached, PullPage } from "@/client/sync/contract";
import type { InstrumentQueueContext } from "./enqueue";
import type { TViewerActor } from "./read-model";

type CachedInstrument = Cached<"instruments">;
type CachedInstrumentLoan = Cached<"instrumentLoans">;
type CachedInstrumentHandover = Cached<"instrumentHandovers">;
export type { CachedInstrumentHandover };

export const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
export const ME: TViewerActor = { id: "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f", displayName: "王建国", role: "lineman", department: "terminal_service" };
export const OTHER = { id: "5c9f3f71-2d2f-4a7b-8e8f-3b4c5d6e7f80", name: "李强" };
export const CUSTODIAN: TViewerActor = {
  id: "6dafffff-3e3f-4b8c-9f90-4c5d6e7f8091",
  displayName: "陈明",
  role: "instrument_custodian",
  department: "technology_development",
};
/** 2026-11-26 10:00 in Shanghai. */
export const NOW = new Date("2026-11-26T02:00:00.000Z");

let n = 0;
const dbName = () => `instruments-read-model-${Date.now()}-${n++}`;
export const uuid = (i: number) => `0190a6c2-0000-7000-8000-${String(i).padStart(12, "0")}`;

export function instrument(i: number, p: Partial<CachedInstrument> = {}): CachedInstrument {
  return {
    id: uuid(i),
    assetTag: `IN-000${300 + i}`,
    name: `仪表 ${i}`,
    model: "M",
    serial: `S${i}`,
    kind: "otdr",
    category: "public",
    department: "technology_development",
    keeperId: CUSTODIAN.id,
    keeperName: CUSTODIAN.displayName,
    location: "技术发展部仪表室",
    intakeDate: "2022-01-10",
    serviceLifeYears: 8,
    status: "available",
    calibratedOn: "2025-06-01",
    calibrationDue: "2027-06-01",
    calibrationResult: "passed",
    holderId: null,
    holderName: null,
    loanId: null,
    loanTerm: null,
    loanDueOn: null,
    faultOpen: false,
    scrapPending: false,
    manual: "",
    accessories: [],
    missingAccessories: [],
    returnRequested: false,
    version: 1,
    updatedAt: "2026-11-01T00:00:00.000Z",
    ...p,
  };
}

export function loan(i: number, p: Partial<CachedInstrumentLoan>): CachedInstrumentLoan {
  return {
    id: uuid(100 + i),
    instrumentId: uuid(i),
    borrowerId: ME.id,
    department: ME.department,
    term: "short",
    status: "active",
    borrowedOn: "2026-11-01",
    dueOn: "2026-12-01",
    purpose: "",
    requestedAt: "2026-11-01T01:00:00.000Z",
    decidedByName: null,
    decidedAt: null,
    decisionReason: "",
    endedOn: null,
    endKind: "active",
    returnCondition: null,
    borrowerName: ME.displayName,
    borrowerUsername: "lineman",
    issuedAt: null,
    issueMissing: null,
    termMonths: null,
    returnRequestedAt: null,
    reportedCondition: null,
    reportedNote: "",
    returnMissing: null,
    lostAccessories: [],
    version: 1,
    updatedAt: "2026-11-01T01:00:00.000Z",
    ...p,
  };
}

export function page(p: Partial<PullPage>): PullPage {
  return { zones: [], items: [], events: [], workOrders: [], cursor: "10", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p };
}

export async function setup(p: Partial<PullPage>, me: TViewerActor = ME): Promise<{ store: IdbSyncStore; ctx: InstrumentQueueContext }> {
  const store = await IdbSyncStore.open(dbName());
  await store.applyPull(DEVICE, page(p));
  return { store, ctx: { store, userId: me.id, deviceId: DEVICE, me } };
}
