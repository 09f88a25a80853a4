import "server-only";
import { roleProcedure, router } from "@/server/trpc";
import { listInstruments } from "./service";

export const instrumentsRouter = router({
  list: roleProcedure(["instrument_custodian", "department_head", "quality", "admin"]).query(({ ctx }) =>
    listInstruments({ db: ctx.db }),
  ),
});
