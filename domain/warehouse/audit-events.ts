/**
 * Audit payloads of the warehouse (spread into domain/audit/events.ts's union): receipts, the Quality Acceptance
 * Form, labelling by it (splits included), issues and returns, stock-takes and their adjustments, tag leases.
 * A step made on a phone carries the mutation and device.
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ITEM_STATUSES } from "@/domain/items/labels";
import { DIFFERENCE_KINDS } from "./count";
import { REJECT_TARGETS } from "./model";
import { MOVE_KINDS } from "./stock";

const fromPhone = { mutationId: z.string().nullable(), deviceId: z.string().nullable() };

export const WAREHOUSE_AUDIT_EVENTS = [
  z.object({
    name: z.literal("receipt.recorded"),
    payload: z.object({
      code: z.string(),
      purchaseRequest: z.string(),
      department: z.enum(DEPARTMENTS),
      supplier: z.string(),
      deliveryNote: z.string(),
      lines: z.array(z.object({ materialCode: z.string(), quantity: z.number().int(), tags: z.array(z.string()) })),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("receipt.inspected"),
    payload: z.object({
      code: z.string(),
      formCode: z.string(),
      signatureSha256: z.string(),
      lines: z.array(
        z.object({ tag: z.string(), accepted: z.number().int(), rejected: z.number().int(), rejectTo: z.enum(REJECT_TARGETS).nullable(), reason: z.string() }),
      ),
    }),
  }),
  z.object({
    name: z.literal("receipt.labelled"),
    payload: z.object({
      formCode: z.string(),
      tag: z.string(),
      status: z.enum(ITEM_STATUSES),
      zoneCode: z.string(),
      quantity: z.number().int(),
      split: z.object({ tag: z.string(), status: z.enum(ITEM_STATUSES), zoneCode: z.string(), quantity: z.number().int() }).nullable(),
      responsibleId: z.string().nullable(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("stock.moved"),
    payload: z.object({
      tag: z.string(),
      kind: z.enum(MOVE_KINDS),
      quantity: z.number().int(),
      toUserId: z.string().nullable(),
      toDepartment: z.enum(DEPARTMENTS).nullable(),
      onHandAfter: z.number().int(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("count.submitted"),
    payload: z.object({
      zoneCode: z.string(),
      scans: z.number().int(),
      expected: z.number().int(),
      found: z.number().int(),
      differences: z.record(z.enum(DIFFERENCE_KINDS), z.number().int()),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("count.adjusted"),
    payload: z.object({ countId: z.string(), tag: z.string(), kind: z.enum(DIFFERENCE_KINDS), resolution: z.string(), reason: z.string() }),
  }),
  z.object({
    name: z.literal("quarantine.responsibleSet"),
    payload: z.object({ tag: z.string(), status: z.enum(ITEM_STATUSES), zoneCode: z.string().nullable(), from: z.string().nullable(), to: z.string() }),
  }),
  z.object({
    name: z.literal("tags.leased"),
    payload: z.object({ first: z.number().int(), last: z.number().int(), deviceId: z.string().nullable() }),
  }),
] as const;
