/**
 * Inputs of the office work-order desk (create, assign, cancel, list), used by the forms and the procedures alike.
 * Messages are catalogue keys (`validation.*`, `desk.validation.*`).
 */
import { z } from "zod";
import { zLine, zNote } from "@/domain/text/rules";
import { operatorDay } from "@/domain/time/operator";
import { DESK_STATUS_GROUPS } from "./desk";
import { ZDeskCursor } from "./desk-cursor";
import { mayLinkCase } from "./property-link";
import { ZClerkCheck } from "./service-record-schema";
import { WORK_ORDER_KINDS, type TWorkOrderKind } from "./status";

/** One line (names, addresses, contacts, searches) and free text (notes, reasons): domain/text/rules.ts. */
const text = (max: number) => zLine(max);
const note = (max: number) => zNote(max);
const required = (max: number) => text(max).min(1, { error: "validation.required" });

/** A calendar day, YYYY-MM-DD, in 2000–2099 (work-order codes carry the year). */
export const ZDay = z.iso.date({ error: "desk.validation.date" }).regex(/^20\d{2}-/, { error: "desk.validation.date" });

/** A phone number somewhere in the text (a name may go with it): at least 7 digits. */
export const ZContact = required(80).refine((v) => (v.match(/\d/g)?.length ?? 0) >= 7, { error: "desk.validation.contact" });

export const ZWorkOrderVersion = z.number({ error: "validation.required" }).int().min(1);

export const ZCreateWorkOrderInput = z
  .object({
    kind: z.enum(WORK_ORDER_KINDS, { error: "validation.required" }),
    customerName: required(120),
    address: required(200),
    contact: ZContact,
    /** The service ordered (e.g. broadband 300M + fixed line). */
    service: required(120),
    scheduledFor: ZDay,
    keyCustomer: z.boolean().default(false),
    /**
     * A key customer's deadline: left empty, the green-channel policy's limit for the order's kind gives it (the
     * server, ADR 0034); typed, it may only be earlier than the policy's (a promise stricter, never looser). Dropped
     * for everyone else.
     */
    dueAt: z.date({ error: "desk.validation.deadline" }).nullable().default(null),
    notes: note(1000).default(""),
    /** An active lineman, or null to assign later. */
    assigneeId: z.uuid({ error: "validation.required" }).nullable().default(null),
    /** The counter clerk's self-check (营业员自检): required by the server (clerk_check_required), stored from the session. */
    clerkCheck: ZClerkCheck,
    /**
     * The PBX application or customer-built works this install or move order connects (ADR 0039 §6), picked from
     * the customer's open or passed cases; null for none.
     */
    propertyCaseId: z.uuid().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.propertyCaseId !== null && !mayLinkCase(v.kind)) ctx.addIssue({ code: "custom", path: ["propertyCaseId"], message: "desk.validation.caseKind" });
    if (!v.keyCustomer || v.dueAt === null) return;
    if (Number.isNaN(v.dueAt.getTime())) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "desk.validation.deadline" });
    else if (operatorDay(v.dueAt) < v.scheduledFor) {
      ctx.addIssue({ code: "custom", path: ["dueAt"], message: "desk.validation.deadlineBeforeSchedule" });
    }
  })
  .transform((v) => ({ ...v, dueAt: v.keyCustomer ? v.dueAt : null }));
export type TCreateWorkOrderInput = z.infer<typeof ZCreateWorkOrderInput>;
export type TCreateWorkOrderForm = z.input<typeof ZCreateWorkOrderInput>;

/** The green-channel request type whose limit a key customer's work order of this kind gets (domain/complaints REQUEST_TYPES). */
export const WORK_ORDER_REQUEST_TYPE = {
  install: "install",
  move: "move",
  repair: "repair",
  terminal_maintenance: "maintenance",
} as const satisfies Record<TWorkOrderKind, "install" | "move" | "repair" | "maintenance">;

/** Assign (or re-assign) to an active lineman; compare-and-set on the version the office saw. */
export const ZAssignWorkOrderInput = z.object({
  workOrderId: z.uuid(),
  assigneeId: z.uuid({ error: "validation.required" }),
  version: ZWorkOrderVersion,
});
export type TAssignWorkOrderInput = z.infer<typeof ZAssignWorkOrderInput>;

/** Cancel with a reason in words; compare-and-set on the version the office saw. */
export const ZCancelWorkOrderInput = z.object({
  workOrderId: z.uuid(),
  version: ZWorkOrderVersion,
  reason: note(500).min(1, { error: "validation.required" }),
});
export type TCancelWorkOrderInput = z.infer<typeof ZCancelWorkOrderInput>;

/** Close a signed or refused order; compare-and-set on the version the office saw. */
export const ZCloseWorkOrderInput = z.object({ workOrderId: z.uuid(), version: ZWorkOrderVersion });
export type TCloseWorkOrderInput = z.infer<typeof ZCloseWorkOrderInput>;

export const ZWorkOrderIdInput = z.object({ workOrderId: z.uuid() });

export const DESK_PAGE_SIZE = 20;

/** The desk list's filters; the date range is on the scheduled day, both ends included. */
export const ZDeskFilter = z
  .object({
    group: z.enum(DESK_STATUS_GROUPS).default("open"),
    /** A lineman's id, "unassigned", or null for everyone. */
    assignee: z
      .union([z.uuid(), z.literal("unassigned")])
      .nullable()
      .default(null),
    keyOnly: z.boolean().default(false),
    overdueOnly: z.boolean().default(false),
    from: ZDay.nullable().default(null),
    to: ZDay.nullable().default(null),
    /** Part of a code or a customer's name. */
    q: text(60).default(""),
    /** Where the page starts: the opaque cursor the previous page returned (none: the first page). */
    cursor: ZDeskCursor,
    pageSize: z.number().int().min(1).max(100).default(DESK_PAGE_SIZE),
  })
  .refine((v) => v.from === null || v.to === null || v.from <= v.to, { path: ["to"], error: "desk.validation.dateRange" });
export type TDeskFilter = z.infer<typeof ZDeskFilter>;
export type TDeskFilterInput = z.input<typeof ZDeskFilter>;
