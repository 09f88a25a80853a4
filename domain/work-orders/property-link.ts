/**
 * A work order and the customer's property (Procedure P2, ADR 0039 §6 and §9), shared by the phone and the server:
 * - customer service links an install or move order to the PBX application or the customer-built works it connects
 *   (`work_orders.property_case_id`); the lineman still checks the PBX's label, but connecting it needs the linked
 *   application's inspection passed (`pbx_inspection_required`), and the hand-over of an order that opens a works
 *   project's service needs its acceptance passed (`works_not_accepted`);
 * - a terminal-maintenance order shows the customer's equipment maintenance agreement (设备代维协议) in force, matched
 *   by the phone's digits.
 * What the phone and the record show of a case is its summary (`TLinkedCase`), read-only.
 */
import {
  agreementCovers,
  FINAL_CASE_STATUSES,
  mayConnect,
  mayRecordMaintenance,
  phoneDigits,
  type TActor,
  type TAgreementKind,
  type TCaseKind,
  type TCaseStatus,
  type TMaintenanceStatus,
} from "@/domain/property/model";
import type { TIsoDate } from "@/domain/time/calendar";
import { operatorDay } from "@/domain/time/operator";
import type { TWorkOrderKind } from "./status";

/** The kinds of order that connect a PBX or open a works project's service. */
export const CASE_LINK_ORDER_KINDS = ["install", "move"] as const satisfies readonly TWorkOrderKind[];

export function mayLinkCase(kind: TWorkOrderKind): boolean {
  return (CASE_LINK_ORDER_KINDS as readonly TWorkOrderKind[]).includes(kind);
}

/**
 * A case an order may be linked to: any case still open (the order may be made before the inspection; the lineman
 * cannot connect until it passes) or passed. Not one connected or cancelled.
 */
export function caseLinkable(status: TCaseStatus): boolean {
  return !FINAL_CASE_STATUSES.includes(status);
}

/** What the rules need of the case an order is linked to. */
export interface TCaseLink {
  kind: TCaseKind;
  status: TCaseStatus;
}

/** The PBX application as the customer applied for it (《安装用户交换机申请检验表》). */
export interface TLinkedPbx {
  certificateNo: string;
  model: string;
  manufacturer: string;
  capacity: string;
  /** 制式 */
  standard: string;
  connection: string;
  power: string;
  /** 附属设备 */
  ancillary: string;
  trunkLines: number;
}

/** The works project and its agreement (《客户自建通信工程验收或管理维护协议》). */
export interface TLinkedWorks {
  projectName: string;
  constructorName: string;
  scope: string;
  agreementKind: TAgreementKind | null;
  startsOn: string;
  endsOn: string;
}

interface TLinkedBase {
  id: string;
  code: string;
  status: TCaseStatus;
  customerName: string;
}

/** The summary of a linked case that the phone (feed row), the office detail and the record show. */
export type TLinkedCase = (TLinkedBase & { kind: "pbx"; details: TLinkedPbx }) | (TLinkedBase & { kind: "works"; details: TLinkedWorks });

/** A works project's scope is summarised to this many characters. */
export const SCOPE_SUMMARY_CHARS = 300;
/** A maintenance agreement's terms are summarised to this many characters. */
export const TERMS_SUMMARY_CHARS = 300;

/** The first `max` characters of a text, with an ellipsis when cut. */
export function summarise(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** A case row (its details json as stored, either kind) as its summary. */
export function linkedCaseSummary(row: {
  id: string;
  code: string;
  kind: TCaseKind;
  status: TCaseStatus;
  customerName: string;
  details: unknown;
}): TLinkedCase {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const base = { id: row.id, code: row.code, status: row.status, customerName: row.customerName };
  if (row.kind === "pbx") {
    return {
      ...base,
      kind: "pbx",
      details: {
        certificateNo: str(d.certificateNo),
        model: str(d.model),
        manufacturer: str(d.manufacturer),
        capacity: str(d.capacity),
        standard: str(d.standard),
        connection: str(d.connection),
        power: str(d.power),
        ancillary: str(d.ancillary),
        trunkLines: typeof d.trunkLines === "number" ? d.trunkLines : 0,
      },
    };
  }
  const agreementKind = d.agreementKind === "acceptance" || d.agreementKind === "maintenance" ? d.agreementKind : null;
  return {
    ...base,
    kind: "works",
    details: {
      projectName: str(d.projectName),
      constructorName: str(d.constructorName),
      scope: summarise(str(d.scope), SCOPE_SUMMARY_CHARS),
      agreementKind,
      startsOn: str(d.startsOn),
      endsOn: str(d.endsOn),
    },
  };
}

/**
 * A PBX is connected only when the order is linked to a PBX application whose inspection passed (or which this
 * order already connected): otherwise `pbx_inspection_required`.
 */
export function pbxConnectProblem(link: TCaseLink | null): "pbx_inspection_required" | null {
  return link !== null && link.kind === "pbx" && mayConnect(link.status) ? null : "pbx_inspection_required";
}

/** The hand-over of an order linked to a works project: only after its acceptance passed (`works_not_accepted`). */
export function handOverCaseProblem(link: TCaseLink | null): "works_not_accepted" | null {
  return link !== null && link.kind === "works" && !mayConnect(link.status) ? "works_not_accepted" : null;
}

/** The inspection's standing as the phone shows it: passed (connect), still open, or over. */
export function inspectionStanding(status: TCaseStatus): "passed" | "open" | "closed" {
  if (mayConnect(status)) return "passed";
  return FINAL_CASE_STATUSES.includes(status) ? "closed" : "open";
}

// ── Maintenance agreements (设备代维协议) ─────────────────────────────────────────────────────────

/** Which orders show the customer's maintenance agreement. */
export function showsMaintenance(kind: TWorkOrderKind): boolean {
  return kind === "terminal_maintenance";
}

/** What the phone, the office detail and the record show of the agreement in force. */
export interface TMaintenanceSummary {
  id: string;
  code: string;
  customerName: string;
  startsOn: TIsoDate;
  endsOn: TIsoDate;
  equipment: string[];
  /** The terms, summarised (TERMS_SUMMARY_CHARS). */
  terms: string;
}

/**
 * The day an order's agreement must cover: the day it was closed; while open, its scheduled day, or today once
 * that day has passed (the work is done today).
 */
export function maintenanceDay(order: { scheduledFor: TIsoDate; closedAt: Date | string | null }, now: Date): TIsoDate {
  if (order.closedAt) return operatorDay(order.closedAt);
  const today = operatorDay(now);
  return order.scheduledFor < today ? today : order.scheduledFor;
}

/** Of a customer's agreements, the one covering the day (the latest to start when several do), or null. */
export function coveringAgreement<T extends { status: TMaintenanceStatus; startsOn: TIsoDate; endsOn: TIsoDate; code: string }>(
  agreements: readonly T[],
  day: TIsoDate,
): T | null {
  const covering = agreements.filter((a) => agreementCovers(a, day));
  covering.sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.code.localeCompare(a.code));
  return covering[0] ?? null;
}

export function maintenanceSummary(a: {
  id: string;
  code: string;
  customerName: string;
  startsOn: TIsoDate;
  endsOn: TIsoDate;
  equipment: readonly string[];
  terms: string;
}): TMaintenanceSummary {
  return {
    id: a.id,
    code: a.code,
    customerName: a.customerName,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    equipment: [...a.equipment],
    terms: summarise(a.terms, TERMS_SUMMARY_CHARS),
  };
}

/**
 * Whether an order's screen offers to record the customer's maintenance agreement (《设备代维协议》): a
 * terminal-maintenance order with no agreement in force, to someone who may record one (linemen offer the service at
 * the site, domain/property mayRecordMaintenance).
 */
export function offersMaintenanceAgreement(o: { kind: TWorkOrderKind; agreement: TMaintenanceSummary | null | undefined; actor: TActor }): boolean {
  return showsMaintenance(o.kind) && !o.agreement && mayRecordMaintenance(o.actor);
}

/** The longest a phone number is on the agreement form (ZMaintenanceInput's phone). */
const PHONE_MAX = 20;

/**
 * The phone number written in an order's contact line, to start the agreement form with ("王芳 138 0013 8000" →
 * "138 0013 8000"): the first run of phone characters (digits, spaces, + - ( )) with at least 5 digits, without
 * stray separators at its ends or brackets around the whole; its digits alone when longer than the form takes; ""
 * when there is none.
 */
export function contactPhone(contact: string): string {
  for (const run of contact.match(/[0-9+\-() ]+/g) ?? []) {
    let phone = run.replace(/^[\s\-)]+|[\s\-(+]+$/g, "");
    if (/^\([^()]*\)$/.test(phone)) phone = phone.slice(1, -1).trim();
    if ((phone.match(/\(/g)?.length ?? 0) !== (phone.match(/\)/g)?.length ?? 0)) phone = phone.replace(/[()]/g, "").trim();
    const digits = phoneDigits(phone);
    if (digits.length < 5) continue;
    if (phone.length <= PHONE_MAX) return phone;
    return digits.length <= PHONE_MAX ? digits : "";
  }
  return "";
}

// ── Connecting the case when its order closes ───────────────────────────────────────────────────

/**
 * What closing a linked order does to its case (ADR 0039 §6, server/property/connect.ts): a passed case is connected
 * by the order that connects it (a PBX application only when the order's lineman connected the PBX: a PBX refused
 * at the site stays passed for another order); a case already connected stays as it is (a resent close, or another
 * order connected it first); any other case is left alone (the order closed without connecting it).
 */
export function connectOnClose(o: { kind: TCaseKind; status: TCaseStatus; pbxConnected: boolean }): "connect" | "already" | "none" {
  if (o.status === "connected") return "already";
  if (o.status !== "passed") return "none";
  if (o.kind === "pbx" && !o.pbxConnected) return "none";
  return "connect";
}
