/**
 * Inputs of the service record (服务记录表) and the clerk's self-check (营业员自检): the phone's mutation
 * `workOrder.serviceRecord` v1 and the desk forms' confirmation. The rules are in service-record.ts (no zod there).
 */
import { z } from "zod";
import { zLine, zNote } from "@/domain/text/rules";
import { MAX_SERVICE_PARTS, SERVICE_COMPLETIONS } from "./service-record";

export const ZServicePart = z.object({
  name: zLine(80).min(1, { error: "validation.required" }),
  quantity: z
    .number({ error: "validation.required" })
    .int({ error: "serviceRecord.validation.quantity" })
    .min(1, { error: "serviceRecord.validation.quantity" })
    .max(999, { error: "serviceRecord.validation.quantity" }),
});

/** `workOrder.serviceRecord` v1: the whole record as it stands (a later one replaces it). */
export const ZServiceRecordArgs = z.object({
  workOrderId: z.uuid(),
  /** The service the customer asked for (服务内容 / 用户要求). */
  requested: zNote(500).min(1, { error: "validation.required" }),
  /** What was done (处理情况). */
  done: zNote(1000).min(1, { error: "validation.required" }),
  parts: z.array(ZServicePart).max(MAX_SERVICE_PARTS, { error: "validation.tooLong" }).default([]),
  completion: z.enum(SERVICE_COMPLETIONS, { error: "validation.required" }),
});
export type TServiceRecordArgs = z.infer<typeof ZServiceRecordArgs>;
export type TServiceRecordForm = z.input<typeof ZServiceRecordArgs>;

/**
 * The clerk's confirmation on a desk form (work order created, service request recorded): one tap. Absent or false,
 * the server refuses the creation with the rule `clerk_check_required` (clerkCheckDecision); it stores who and when
 * from the session, never from the form.
 */
export const ZClerkCheck = z.boolean().default(false);
