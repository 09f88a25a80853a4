import "server-only";
import { z } from "zod";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { MAINTENANCE_STATUSES } from "@/domain/property/model";
import { ZMaintenanceInput } from "@/domain/property/schemas";
import { zLine, zNote } from "@/domain/text/rules";
import { roleProcedure, router } from "@/server/trpc";
import { endMaintenance, getMaintenance, listMaintenance, maintenanceForCustomer, mayReadMaintenance, recordMaintenance } from "./maintenance";

/** Counter staff (customer service, its head), the head of terminal service and linemen record (domain check inside). */
export const MAINTENANCE_RECORD_ROLES: readonly TRole[] = ["customer_service", "department_head", "lineman"];
/** Customer service and the head of terminal service end an agreement early (inside). */
export const MAINTENANCE_END_ROLES: readonly TRole[] = ["customer_service", "department_head"];
/** The register's readers are decided by department inside (the cases' readers, and linemen): every role passes here. */
export const MAINTENANCE_READ_ROLES: readonly TRole[] = ROLES;

const readers = roleProcedure(MAINTENANCE_READ_ROLES);

/** Equipment maintenance agreements (设备代维协议, ADR 0039). */
export const maintenanceRouter = router({
  record: roleProcedure(MAINTENANCE_RECORD_ROLES)
    .input(ZMaintenanceInput)
    .mutation(({ ctx, input }) => recordMaintenance(ctx.db, ctx.session.user, input)),
  list: readers
    .input(
      z.object({
        q: zLine(100).default(""),
        status: z.enum(MAINTENANCE_STATUSES).nullable().default(null),
        page: z.number().int().min(1).max(10_000).default(1),
      }),
    )
    .query(({ ctx, input }) => listMaintenance(ctx.db, ctx.session.user, input)),
  get: readers.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getMaintenance(ctx.db, ctx.session.user, input.id)),
  end: roleProcedure(MAINTENANCE_END_ROLES)
    .input(z.object({ id: z.uuid(), version: z.number().int().min(1), reason: zNote(1000).min(1, { error: "validation.required" }) }))
    .mutation(({ ctx, input }) => endMaintenance(ctx.db, ctx.session.user, input)),
  /** The agreement in force today for a customer's phone, or null (terminal-maintenance work orders show it). */
  forCustomer: readers
    .input(z.object({ phone: zLine(40) }))
    .query(({ ctx, input }) => (mayReadMaintenance(ctx.session.user) ? maintenanceForCustomer(ctx.db, input.phone) : null)),
});
