import type { TDepartment } from "@/domain/auth/roles";
import type { TCalibrationResult } from "@/domain/instruments/calibration";
import type { TCondition, THandoverStatus, TLoanStatus, TLoanTerm } from "@/domain/instruments/names";
import type { TInstrumentCategory, TInstrumentStatus } from "@/domain/instruments/status";
import type { TItemKind, TItemStatus, TLabelReason, TZoneKind } from "@/domain/items/labels";
import type { TMutationName, TMutationResult, TRejectionCode } from "@/domain/sync/protocol";
import type { TCheckOutcome, TEquipmentType, TLicenseCheckResult, TPbxDetails } from "@/domain/work-orders/equipment";
import type { TWorkOrderKind, TWorkOrderStatus } from "@/domain/work-orders/status";

/** A queued mutation: the record of what still has to reach the server (DESIGN.md §3). */
export interface OutboxRecord {
  mutationId: string;
  userId: string;
  deviceId: string;
  seq: number;
  name: TMutationName;
  schemaVersion: number;
  args: unknown;
  expected?: unknown;
  clientTime: string;
}

export interface CachedZone {
  code: string;
  siteCode: string;
  kind: TZoneKind;
  /** The quarantine label this area is designated for; absent on zones cached before it existed (undesignated). */
  holds?: TItemStatus | null;
  nameZh: string;
  nameEn: string;
}

export interface CachedItem {
  id: string;
  tagCode: string;
  kind: TItemKind;
  name: string;
  zoneCode: string | null;
  status: TItemStatus;
  version: number;
  updatedAt: string;
}

export interface CachedEvent {
  id: number;
  itemId: string;
  fromStatus: TItemStatus | null;
  toStatus: TItemStatus;
  reason: TLabelReason;
  note: string;
  fromZone: string | null;
  toZone: string | null;
  actorName: string | null;
  deviceId: string | null;
  clientTime: string | null;
  serverTime: string;
  /** A photo of the label attached as evidence (served by /api/evidence/<sha256>); absent in rows cached before. */
  photoSha256?: string | null;
}

/** A lineman's own work order, kept for use with no signal. */
export interface CachedWorkOrder {
  id: string;
  code: string;
  kind: TWorkOrderKind;
  customerName: string;
  address: string;
  contact: string;
  service: string;
  keyCustomer: boolean;
  dueAt: string | null;
  scheduledFor: string;
  status: TWorkOrderStatus;
  version: number;
  notes: string;
  /** Why it was cancelled or why the customer refused to sign; absent in rows cached before. */
  statusReason?: string;
}

/** A row of the license registry, kept on the phone for offline checks (feed `licenses`, every lineman). */
export interface CachedLicense {
  licenseNo: string;
  markCode: string | null;
  applicant: string;
  equipmentName: string;
  model: string;
  issueDate: string;
  expiryDate: string;
  updatedAt: string;
}

/** A registry import (feed `licenseImports`): the latest one's time is the registry version on the phone. */
export interface CachedLicenseImport {
  id: number;
  importedAt: string;
}

/** An equipment check of one of the lineman's work orders (feed `equipmentChecks`). */
export interface CachedEquipmentCheck {
  id: string;
  workOrderId: string;
  equipmentType: TEquipmentType;
  labelKind: "license_old" | "license_mark" | "none";
  licenseNo: string | null;
  markCode: string | null;
  labelModel: string | null;
  equipmentModel: string;
  serial: string;
  entry: "scan" | "typed";
  clientResult: TLicenseCheckResult;
  clientRegistryVersion: string | null;
  serverResult: TLicenseCheckResult;
  serverRegistryVersion: string | null;
  outcome: TCheckOutcome;
  note: string;
  pbx: TPbxDetails | null;
  photoSha256: string | null;
  clientTime: string | null;
  serverTime: string;
  /** Optional: rows cached before ADR 0021 have none (then in force). */
  scrambleCode?: string | null;
  /** Withdrawn or replaced by a correction (supersededBy) before the self-check (ADR 0021). */
  withdrawn?: boolean;
  supersededBy?: string | null;
}

/** A sign-off of one of the lineman's work orders (feed `signoffs`; strokes and snapshot stay on the server). */
export interface CachedSignoff {
  id: number;
  workOrderId: string;
  kind: "self_check" | "customer_signed" | "customer_refused";
  signerName: string;
  ratingAttitude: number | null;
  ratingOnTime: number | null;
  comment: string;
  refusalReason: string;
  signatureSha256: string | null;
  evidenceHash: string | null;
  clientTime: string | null;
  serverTime: string;
}

/** A status change of one of the lineman's work orders (feed `workOrderEvents`), for the timeline. */
export interface CachedWorkOrderEvent {
  id: number;
  workOrderId: string;
  fromStatus: TWorkOrderStatus | null;
  toStatus: TWorkOrderStatus;
  reason: string;
  actorName: string | null;
  clientTime: string | null;
  serverTime: string;
}

/**
 * A row of the instrument register (feed `instruments`, issue 6): the whole register on every phone that may
 * borrow, so that one scan answers offline (holder, due day, calibration, permit, open fault).
 */
export interface CachedInstrument {
  id: string;
  assetTag: string;
  name: string;
  model: string;
  serial: string;
  kind: string;
  category: TInstrumentCategory;
  department: TDepartment;
  keeperId: string | null;
  keeperName: string | null;
  location: string;
  intakeDate: string;
  serviceLifeYears: number;
  status: TInstrumentStatus;
  calibratedOn: string | null;
  calibrationDue: string | null;
  calibrationResult: TCalibrationResult | null;
  holderId: string | null;
  holderName: string | null;
  loanId: string | null;
  loanTerm: TLoanTerm | null;
  loanDueOn: string | null;
  faultOpen: boolean;
  scrapPending: boolean;
  version: number;
  updatedAt: string;
}

/** One of the user's own loans, every status (feed `instrumentLoans`). */
export interface CachedInstrumentLoan {
  id: string;
  instrumentId: string;
  borrowerId: string;
  department: TDepartment;
  term: TLoanTerm;
  status: TLoanStatus;
  borrowedOn: string | null;
  dueOn: string | null;
  purpose: string;
  requestedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string;
  endedOn: string | null;
  endKind: string | null;
  returnCondition: TCondition | null;
  version: number;
  updatedAt: string;
}

/** A hand-over the user gives or receives (feed `instrumentHandovers`). */
export interface CachedInstrumentHandover {
  id: string;
  instrumentId: string;
  loanId: string;
  fromUserId: string;
  fromName: string | null;
  toUserId: string;
  toName: string | null;
  status: THandoverStatus;
  conditionOut: TCondition;
  note: string;
  conditionIn: TCondition | null;
  answerNote: string;
  offeredAt: string;
  answeredAt: string | null;
}

/** A rejected change waiting for the user: re-issue from the current state, or dismiss. */
export interface Rejected {
  mutationId: string;
  deviceId: string;
  seq: number;
  name: string;
  reasonCode: TRejectionCode | null;
  details: Record<string, unknown> | null;
  /** The queued record as it was sent (kept so the user sees what was refused). */
  original: OutboxRecord | null;
  at: string;
}

export interface PullPage {
  zones: CachedZone[];
  items: CachedItem[];
  events: CachedEvent[];
  workOrders: CachedWorkOrder[];
  /** Work-order feeds (issue 5); optional so that a page from an older server still applies. */
  licenses?: CachedLicense[];
  licenseImports?: CachedLicenseImport[];
  equipmentChecks?: CachedEquipmentCheck[];
  signoffs?: CachedSignoff[];
  workOrderEvents?: CachedWorkOrderEvent[];
  /** Instrument feeds (issue 6); optional likewise. */
  instruments?: CachedInstrument[];
  instrumentLoans?: CachedInstrumentLoan[];
  instrumentHandovers?: CachedInstrumentHandover[];
  /** Work orders taken from this lineman (re-assigned): dropped with their checks, sign-offs and events. */
  withdrawnWorkOrders?: string[];
  cursor: string;
  hasMore: boolean;
  lastAppliedSeq: number;
  rejections: { mutationId: string; seq: number; name: string; reasonCode: TRejectionCode | null; details: Record<string, unknown> | null; at: string }[];
}

/** Local storage of one installed app: outbox, read cache, rejections. IndexedDB in the browser. */
export interface SyncStore {
  deviceIdFor(userId: string): Promise<string>;
  enqueue(rec: Omit<OutboxRecord, "seq" | "mutationId" | "clientTime"> & { clientTime?: string }): Promise<OutboxRecord>;
  /** Queued rows after `afterSeq` (rows the server already applied wait for the pull that deletes them). */
  pending(deviceId: string, afterSeq: number, maxCount: number, maxBytes: number): Promise<OutboxRecord[]>;
  /** The highest seq the server has answered for this device (kept across restarts). */
  ackedSeq(deviceId: string): Promise<number>;
  pendingCount(deviceId: string): Promise<number>;
  /** After a push: keeps each rejection (and drops its row) and remembers lastAppliedSeq, in one transaction. */
  acknowledge(deviceId: string, lastAppliedSeq: number, results: TMutationResult[]): Promise<void>;
  /** Applies a pulled page and deletes the rows it acknowledges (seq ≤ lastAppliedSeq), in one transaction. */
  applyPull(deviceId: string, page: PullPage): Promise<void>;
  cursor(deviceId: string): Promise<string>;
  rejections(deviceId: string): Promise<Rejected[]>;
  removeRejection(mutationId: string): Promise<void>;
  setMeta(key: string, value: unknown): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  /** Logout: drop the read cache (company data) but keep every user's outbox and device id. */
  clearReadCache(): Promise<void>;
}
