/**
 * Queues the lineman's work-order steps in the outbox (DESIGN.md §3): each is decided first with the same domain
 * rules the server applies (domain/work-orders/preconditions.ts), on the predicted state, so the phone offers and
 * queues only what will be accepted; then validated with its mutation schema (loaded when needed, precached by the
 * service worker, so offline too); then written to the outbox in one IndexedDB transaction.
 */
import { uuidv7 } from "uuidv7";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";
import type { TRejectionCode } from "@/domain/sync/protocol";
import type { TCheckOutcome, TEquipmentType, TLicenseCheckResult } from "@/domain/work-orders/equipment";
import type { TSignature } from "@/domain/work-orders/mutations";
import {
  checkChangeDecision,
  customerRefuseDecision,
  customerSignDecision,
  fieldWorkDecision,
  selfCheckDecision,
  transitionDecision,
  type TStepDecision,
} from "@/domain/work-orders/preconditions";
import { SELF_CHECK_VERSION, serviceRecordDecision, type TServiceCompletion } from "@/domain/work-orders/service-record";
import type { TWorkOrderStatus } from "@/domain/work-orders/status";
import type { TCheckLabel } from "./license-check";
import { caseLink, type WorkOrderSummary, type WorkOrderView } from "./read-model";

export interface QueueContext {
  store: Pick<SyncStore, "enqueue">;
  userId: string;
  deviceId: string;
}

export type TQueueProblem =
  /** A field the schema refused: path → catalogue key (e.g. validation.required). */
  | { kind: "invalid"; fields: Record<string, string> }
  /** The rules refuse the step from the current (predicted) state: what the server would answer. */
  | { kind: "refused"; code: TRejectionCode; details: Record<string, unknown> }
  | { kind: "signature_too_large"; bytes: number; max: number };

export type TQueued<T extends object = object> = ({ ok: true } & T) | { ok: false; problem: TQueueProblem };

const schemas = () => import("@/domain/work-orders/mutations");

function invalid(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): { ok: false; problem: TQueueProblem } {
  const fields: Record<string, string> = {};
  for (const i of error.issues) fields[i.path.map(String).join(".")] ??= i.message;
  return { ok: false, problem: { kind: "invalid", fields } };
}

function refused(d: TStepDecision | { kind: "stale" }): { ok: false; problem: TQueueProblem } | null {
  if (d.kind === "reject") return { ok: false, problem: { kind: "refused", code: d.code, details: d.details } };
  if (d.kind === "stale") return { ok: false, problem: { kind: "refused", code: "stale", details: {} } };
  return null;
}

async function put(
  ctx: QueueContext,
  name: OutboxRecord["name"],
  args: unknown,
  expected?: unknown,
  clientTime?: string,
  schemaVersion = 1,
): Promise<OutboxRecord> {
  return ctx.store.enqueue({ userId: ctx.userId, deviceId: ctx.deviceId, name, schemaVersion, args, expected, ...(clientTime ? { clientTime } : {}) });
}

/** A status change, compare-and-set on the predicted status and version. */
export async function queueTransition(
  ctx: QueueContext,
  wo: Pick<WorkOrderSummary, "workOrder" | "status" | "version">,
  to: TWorkOrderStatus,
  reason = "",
): Promise<TQueued> {
  const no = refused(transitionDecision({ status: wo.status, expectedFrom: wo.status, to, actor: "assignee", reason }));
  if (no) return no;
  const { ZWorkOrderTransitionArgs, ZWorkOrderExpected } = await schemas();
  const args = ZWorkOrderTransitionArgs.safeParse({ workOrderId: wo.workOrder.id, to, reason });
  if (!args.success) return invalid(args.error);
  const expected = ZWorkOrderExpected.parse({ from: wo.status, version: wo.version });
  await put(ctx, "workOrder.transition", args.data, expected);
  return { ok: true };
}

/**
 * Arrivals queued by this page, per order and the version they moved it from: a second check saved before the screen
 * has re-read the order (two quick saves) must not queue "on site" twice from the same predicted state.
 */
const arrivalsQueued = new WeakMap<object, Map<string, number>>();

/** Not yet at the customer's: the first step there (a check, the self-check) says so first, once. */
async function arriveIfNeeded(ctx: QueueContext, wo: WorkOrderSummary): Promise<TQueued<{ status: TWorkOrderStatus; version: number }>> {
  if (wo.status !== "assigned" && wo.status !== "en_route") return { ok: true, status: wo.status, version: wo.version };
  let queued = arrivalsQueued.get(ctx.store);
  if (!queued) arrivalsQueued.set(ctx.store, (queued = new Map<string, number>()));
  const key = `${ctx.deviceId}:${wo.workOrder.id}`;
  if (queued.get(key) === wo.version) return { ok: true, status: "on_site", version: wo.version + 1 };
  const r = await queueTransition(ctx, wo, "on_site");
  if (r.ok) queued.set(key, wo.version);
  return r.ok ? { ok: true, status: "on_site", version: wo.version + 1 } : r;
}

export interface TCheckInput {
  equipmentType: TEquipmentType;
  label: TCheckLabel;
  equipmentModel: string;
  serial: string;
  entry: "scan" | "typed";
  clientResult: TLicenseCheckResult;
  clientRegistryVersion: string | null;
  outcome: TCheckOutcome;
  note: string;
  photo?: { mime: "image/jpeg" | "image/png" | "image/webp"; base64: string };
}

/** Whether a check shown on the order may be withdrawn or corrected now (the rule the server applies, ADR 0021). */
function checkChange(wo: WorkOrderView, checkId: string, change: "withdraw" | "correct") {
  const shown = wo.checks.some((c) => c.id === checkId);
  return refused(
    checkChangeDecision({ status: wo.status, check: shown ? { workOrderId: wo.workOrder.id, withdrawn: false } : null, workOrderId: wo.workOrder.id, change }),
  );
}

/**
 * One piece of customer equipment checked; the first check while assigned or en route queues "on site" before it.
 * With `supersedes`: a correction of a check shown on the order, which it replaces (ADR 0021).
 */
export async function queueCheck(ctx: QueueContext, wo: WorkOrderView, input: TCheckInput & { supersedes?: string }): Promise<TQueued<{ checkId: string }>> {
  const no = refused(fieldWorkDecision(wo.status)) ?? (input.supersedes ? checkChange(wo, input.supersedes, "correct") : null);
  if (no) return no;
  const { ZCheckEquipmentArgs, CHECK_EQUIPMENT_VERSION } = await schemas();
  const checkId = uuidv7();
  const args = ZCheckEquipmentArgs.safeParse({ checkId, workOrderId: wo.workOrder.id, ...input });
  if (!args.success) return invalid(args.error);
  const { checkOutcomeProblem } = await import("@/domain/work-orders/rules");
  // a PBX: the order's linked application as the phone last received it (the server decides on it again)
  const problem = checkOutcomeProblem(
    { equipmentType: args.data.equipmentType, verdict: args.data.clientResult, outcome: args.data.outcome, pbx: null },
    caseLink(wo.workOrder),
  );
  if (problem) return { ok: false, problem: { kind: "refused", code: problem, details: {} } };
  const arrived = await arriveIfNeeded(ctx, wo);
  if (!arrived.ok) return arrived;
  await put(ctx, "workOrder.checkEquipment", args.data, undefined, undefined, CHECK_EQUIPMENT_VERSION);
  return { ok: true, checkId };
}

function tooLarge(signature: { base64: string }, max: number): TQueueProblem | null {
  const bytes = Math.floor((signature.base64.replace(/=+$/, "").length * 3) / 4);
  return bytes > max ? { kind: "signature_too_large", bytes, max } : null;
}

/** The lineman's self-check: the kind's checklist ticked and their signature (on site → work done). */
export async function queueSelfCheck(ctx: QueueContext, wo: WorkOrderView, ticked: Record<string, boolean>, signature: TSignature): Promise<TQueued> {
  const { ZSelfCheckArgs, MAX_SIGNATURE_BYTES } = await schemas();
  const big = tooLarge(signature, MAX_SIGNATURE_BYTES);
  if (big) return { ok: false, problem: big };
  const status = wo.status === "assigned" || wo.status === "en_route" ? "on_site" : wo.status;
  const checks = wo.checks.map((c) => ({ id: c.id, equipmentType: c.equipmentType, verdict: c.verdict, outcome: c.outcome, pbx: c.pbx }));
  const no = refused(
    selfCheckDecision({
      status,
      kind: wo.workOrder.kind,
      ticked,
      checks,
      linkedCase: caseLink(wo.workOrder),
      schemaVersion: SELF_CHECK_VERSION,
      hasServiceRecord: wo.serviceRecord !== null,
    }),
  );
  if (no) return no;
  const args = ZSelfCheckArgs.safeParse({ workOrderId: wo.workOrder.id, checklist: ticked, signature });
  if (!args.success) return invalid(args.error);
  const arrived = await arriveIfNeeded(ctx, wo);
  if (!arrived.ok) return arrived;
  await put(ctx, "workOrder.selfCheck", args.data, undefined, undefined, SELF_CHECK_VERSION);
  return { ok: true };
}

/**
 * The terminal-maintenance service record (服务记录表), whole: written or replaced until the customer's turn is over.
 * No arrival is queued: the requested service may be written down before getting there.
 */
export async function queueServiceRecord(
  ctx: QueueContext,
  wo: WorkOrderSummary,
  input: { requested: string; done: string; parts: { name: string; quantity: number }[]; completion: TServiceCompletion | null },
): Promise<TQueued> {
  const no = refused(serviceRecordDecision({ kind: wo.workOrder.kind, status: wo.status }));
  if (no) return no;
  const { ZServiceRecordArgs } = await import("@/domain/work-orders/service-record-schema");
  const args = ZServiceRecordArgs.safeParse({ workOrderId: wo.workOrder.id, ...input });
  if (!args.success) return invalid(args.error);
  await put(ctx, "workOrder.serviceRecord", args.data);
  return { ok: true };
}

/**
 * The customer's signature with their evaluation. The evidence hash is computed here, over the values exactly as
 * validated (trimmed), with the clientTime that goes on the outbox record.
 */
export async function queueCustomerSign(
  ctx: QueueContext,
  wo: WorkOrderView,
  input: { linemanName: string; signerName: string; ratings: { attitude: number; onTime: number }; comment: string; signature: TSignature },
  now: Date = new Date(),
): Promise<TQueued<{ evidenceHash: string }>> {
  const { ZCustomerSignArgs, MAX_SIGNATURE_BYTES } = await schemas();
  const big = tooLarge(input.signature, MAX_SIGNATURE_BYTES);
  if (big) return { ok: false, problem: big };
  const no = refused(customerSignDecision({ status: wo.status, hasSelfCheck: wo.selfCheck !== null }));
  if (no) return no;
  // first pass: normalise and validate everything but the hash
  const draft = ZCustomerSignArgs.safeParse({
    workOrderId: wo.workOrder.id,
    signerName: input.signerName,
    ratings: input.ratings,
    comment: input.comment,
    signature: input.signature,
    snapshot: {},
    evidenceHash: "0".repeat(64),
  });
  if (!draft.success) return invalid(draft.error);
  const clientTime = now.toISOString();
  // the snapshot schema (zod) loads with the customer's turn, not with the order screen (JS budget)
  const { customerEvidence } = await import("./evidence");
  const e = customerEvidence({
    view: wo,
    linemanName: input.linemanName,
    ratings: draft.data.ratings,
    comment: draft.data.comment,
    signerName: draft.data.signerName,
    signaturePngBase64: draft.data.signature.base64,
    userId: ctx.userId,
    deviceId: ctx.deviceId,
    clientTime,
  });
  const args = ZCustomerSignArgs.parse({ ...draft.data, snapshot: e.snapshot, evidenceHash: e.evidenceHash });
  await put(ctx, "workOrder.customerSign", args, undefined, clientTime);
  return { ok: true, evidenceHash: e.evidenceHash };
}

/** The customer refused to sign, with the reason. */
export async function queueCustomerRefuse(ctx: QueueContext, wo: WorkOrderView, input: { reason: string; signerName: string }): Promise<TQueued> {
  const no = refused(customerRefuseDecision({ status: wo.status, hasSelfCheck: wo.selfCheck !== null }));
  if (no) return no;
  const { ZCustomerRefuseArgs } = await schemas();
  const args = ZCustomerRefuseArgs.safeParse({ workOrderId: wo.workOrder.id, ...input });
  if (!args.success) return invalid(args.error);
  await put(ctx, "workOrder.customerRefuse", args.data);
  return { ok: true };
}

/** A check recorded in error, taken back before the self-check (ADR 0021). */
export async function queueWithdrawCheck(ctx: QueueContext, wo: WorkOrderView, checkId: string, reason = ""): Promise<TQueued> {
  const no = checkChange(wo, checkId, "withdraw");
  if (no) return no;
  const { ZWithdrawCheckArgs } = await schemas();
  const args = ZWithdrawCheckArgs.safeParse({ workOrderId: wo.workOrder.id, checkId, reason });
  if (!args.success) return invalid(args.error);
  await put(ctx, "workOrder.withdrawCheck", args.data);
  return { ok: true };
}

/** A photo attached to the work order itself (the site, the installed equipment). */
export async function queueAddPhoto(
  ctx: QueueContext,
  wo: WorkOrderSummary,
  photo: { mime: "image/jpeg" | "image/png" | "image/webp"; base64: string },
  caption = "",
): Promise<TQueued> {
  const no = refused(fieldWorkDecision(wo.status));
  if (no) return no;
  const { ZAddWorkOrderPhotoArgs } = await schemas();
  const args = ZAddWorkOrderPhotoArgs.safeParse({ workOrderId: wo.workOrder.id, photo, caption });
  if (!args.success) return invalid(args.error);
  await put(ctx, "workOrder.addPhoto", args.data);
  return { ok: true };
}
