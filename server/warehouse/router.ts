import "server-only";
import { z } from "zod";
import { ROLES } from "@/domain/auth/roles";
import { zLine } from "@/domain/text/rules";
import { ZConfirmAdjustmentInput, ZInspectInput, ZLeaseTagsInput, ZStockSearch } from "@/domain/warehouse/schemas";
import { roleProcedure, router } from "@/server/trpc";
import { confirmAdjustment } from "./adjust";
import { getCount, listCounts } from "./counts";
import { inspectReceipt } from "./inspect";
import { itemDetail } from "./item-history";
import { leaseTags } from "./lease";
import { listPeople } from "./people";
import { listQuarantine } from "./quarantine";
import { getReceipt, listForms, listReceipts } from "./receipts";
import {
  INSPECT_ROLES,
  KEEPER_ROLES,
  PEOPLE_ROLES,
  REGISTER_ROLES,
  RESPONSIBLE_ROLES,
  ZById,
  ZPageQuery,
  ZQuarantineQuery,
  ZReceiptsQuery,
  ZStockQuery,
} from "./registers";
import { setResponsible } from "./responsible";
import { searchStock } from "./search";
import { stockOnHand } from "./stock";

const registers = roleProcedure(REGISTER_ROLES);
const keeper = roleProcedure(KEEPER_ROLES);

/**
 * The warehouse's office API (ADR 0035): tag leases for the keeper's phone, the inspection (the Quality Acceptance
 * Form), the registers, the stock-take's adjustments, search and an item's history. The phone's steps (receive,
 * label by the form, issue/return, submit a count) go through sync.push (server/warehouse/sync.ts).
 */
export const warehouseRouter = router({
  leaseTags: keeper.input(ZLeaseTagsInput).mutation(({ ctx, input }) => leaseTags(ctx.db, ctx.session.user, input.deviceId)),
  people: roleProcedure(PEOPLE_ROLES).query(({ ctx }) => listPeople(ctx.db)),

  /** Anyone reads their own department's receipts; the registers' readers every one (inside). */
  receipts: roleProcedure(ROLES)
    .input(ZReceiptsQuery)
    .query(({ ctx, input }) => listReceipts(ctx.db, ctx.session.user, input)),
  receipt: roleProcedure(ROLES)
    .input(ZById)
    .query(({ ctx, input }) => getReceipt(ctx.db, ctx.session.user, input.id)),
  /** The requesting department's people, never a keeper (domain mayInspect decides by the receipt, inside). */
  inspect: roleProcedure(INSPECT_ROLES)
    .input(ZInspectInput)
    .mutation(({ ctx, input }) => inspectReceipt(ctx.db, ctx.session.user, input)),
  forms: registers.input(ZPageQuery).query(({ ctx, input }) => listForms(ctx.db, input)),
  stock: registers.input(ZStockQuery).query(({ ctx, input }) => stockOnHand(ctx.db, input)),
  /** `mine`: the caller's responsibilities, for anyone; the whole list for the registers' readers. */
  quarantine: roleProcedure(ROLES)
    .input(ZQuarantineQuery)
    .query(({ ctx, input }) => listQuarantine(ctx.db, ctx.session.user, input)),
  counts: registers.input(ZPageQuery).query(({ ctx, input }) => listCounts(ctx.db, input)),
  count: registers.input(ZById).query(({ ctx, input }) => getCount(ctx.db, input.id, ctx.session.user)),
  confirmAdjustment: keeper.input(ZConfirmAdjustmentInput).mutation(({ ctx, input }) => confirmAdjustment(ctx.db, ctx.session.user, input)),
  search: registers.input(ZStockSearch).query(({ ctx, input }) => searchStock(ctx.db, input)),
  /** The registers' readers any item; anyone else one they hold or are responsible for (inside). */
  item: roleProcedure(ROLES)
    .input(z.object({ tag: zLine(40).min(1) }))
    .query(({ ctx, input }) => itemDetail(ctx.db, ctx.session.user, input.tag)),
  setResponsible: roleProcedure(RESPONSIBLE_ROLES)
    .input(z.object({ itemId: z.uuid(), responsibleId: z.uuid() }))
    .mutation(({ ctx, input }) => setResponsible(ctx.db, ctx.session.user, input)),
});
