import "server-only";
import {
  APPROVER_ROLES,
  BORROWER_ROLES,
  CUSTODIAN_ROLES,
  HOLDINGS_ROLES,
  INSTRUMENT_FEED_ROLES,
  INSTRUMENT_VIEW_ROLES,
  REGISTER_READER_ROLES,
  SCRAP_APPROVER_ROLES,
} from "@/domain/instruments/roles";
import {
  ZCalibrationFileInput,
  ZCalibrationFilters,
  ZCompleteRepairInput,
  ZCreateInstrumentInput,
  ZDecideLoanInput,
  ZDecideScrapInput,
  ZExportRequest,
  ZHoldingsInput,
  ZImportCsvInput,
  ZInstrumentRef,
  ZIntakeFilters,
  ZLabelsInput,
  ZRegisterPageInput,
  ZProposeScrapInput,
  ZRecordCalibrationInput,
  ZRequestScrapInput,
  ZSendToRepairInput,
  ZSettingsInput,
  ZUpdateInstrumentInput,
  ZUsageFilters,
  ZVerifyScrapInput,
} from "@/domain/instruments/schemas";
import { rateLimit, roleProcedure, router } from "@/server/trpc";
import { decideLoan, pendingApprovals } from "./approvals";
import { calibrationFile, recordCalibration } from "./calibration";
import { exportCsv, exportPdf } from "./export";
import { renderLabels } from "./labels";
import { createInstrument, importInstrumentsCsv, updateInstrument } from "./register";
import { calibrationRegister, intakeRegister, usageRegister } from "./registers";
import { holdingsFor } from "./holdings";
import { noticesOf, overdueLists } from "./reminders";
import { completeRepair, decideScrap, pendingScraps, requestScrap, sendToRepair } from "./repair-scrap";
import { proposeScrap, verifyScrap } from "./scrap-proposals";
import { getInstrument, listColleagues, listKeeperCandidates, registerPage } from "./service";
import { getSettings, saveSettings } from "./settings";

const readers = roleProcedure(REGISTER_READER_ROLES);
const custodian = roleProcedure(CUSTODIAN_ROLES);
const head = roleProcedure(APPROVER_ROLES);
/** Scrapping is decided by the leader named in the settings (a head or the general manager) or the instrument's head. */
const scrapApprover = roleProcedure(SCRAP_APPROVER_ROLES);

/** Instruments (issue 6): the contract is docs/instruments-api.md; field actions go through sync.push. */
export const instrumentsRouter = router({
  /** The office register, a page at a time (keyset: issue 18). */
  list: readers.input(ZRegisterPageInput).query(({ ctx, input }) => registerPage({ db: ctx.db, input })),
  get: roleProcedure(INSTRUMENT_VIEW_ROLES)
    .input(ZInstrumentRef)
    .query(({ ctx, input }) => getInstrument({ db: ctx.db, user: ctx.session.user, ref: input })),
  colleagues: roleProcedure([...BORROWER_ROLES, ...CUSTODIAN_ROLES]).query(({ ctx }) => listColleagues({ db: ctx.db })),
  notices: roleProcedure(INSTRUMENT_FEED_ROLES).query(({ ctx }) => noticesOf({ db: ctx.db, user: ctx.session.user })),
  overdue: roleProcedure([...CUSTODIAN_ROLES, "admin"]).query(({ ctx }) => overdueLists({ db: ctx.db, user: ctx.session.user })),
  holdings: roleProcedure(HOLDINGS_ROLES)
    .input(ZHoldingsInput)
    .query(({ ctx, input }) => holdingsFor({ db: ctx.db, viewer: ctx.session.user, userId: input.userId })),

  pendingApprovals: head.query(({ ctx }) => pendingApprovals({ db: ctx.db, user: ctx.session.user })),
  decideLoan: head.input(ZDecideLoanInput).mutation(({ ctx, input }) => decideLoan({ db: ctx.db, user: ctx.session.user, input })),
  pendingScraps: scrapApprover.query(({ ctx }) => pendingScraps({ db: ctx.db, user: ctx.session.user })),
  decideScrap: scrapApprover.input(ZDecideScrapInput).mutation(({ ctx, input }) => decideScrap({ db: ctx.db, user: ctx.session.user, input })),

  create: custodian.input(ZCreateInstrumentInput).mutation(({ ctx, input }) => createInstrument({ db: ctx.db, user: ctx.session.user, input })),
  update: custodian.input(ZUpdateInstrumentInput).mutation(({ ctx, input }) => updateInstrument({ db: ctx.db, user: ctx.session.user, input })),
  importCsv: custodian
    .use(rateLimit("import"))
    .input(ZImportCsvInput)
    .mutation(({ ctx, input }) => importInstrumentsCsv({ db: ctx.db, user: ctx.session.user, csv: input.csv })),
  recordCalibration: custodian.input(ZRecordCalibrationInput).mutation(({ ctx, input }) => recordCalibration({ db: ctx.db, user: ctx.session.user, input })),
  sendToRepair: custodian.input(ZSendToRepairInput).mutation(({ ctx, input }) => sendToRepair({ db: ctx.db, user: ctx.session.user, input })),
  completeRepair: custodian.input(ZCompleteRepairInput).mutation(({ ctx, input }) => completeRepair({ db: ctx.db, user: ctx.session.user, input })),
  requestScrap: custodian.input(ZRequestScrapInput).mutation(({ ctx, input }) => requestScrap({ db: ctx.db, user: ctx.session.user, input })),
  // issue 16 (ADR 0040): the using department proposes scrapping, Technology Development verifies; the department's settings
  proposeScrap: roleProcedure([...BORROWER_ROLES, ...APPROVER_ROLES])
    .input(ZProposeScrapInput)
    .mutation(({ ctx, input }) => proposeScrap({ db: ctx.db, user: ctx.session.user, input })),
  verifyScrap: custodian.input(ZVerifyScrapInput).mutation(({ ctx, input }) => verifyScrap({ db: ctx.db, user: ctx.session.user, input })),
  settings: readers.query(({ ctx }) => getSettings({ db: ctx.db, user: ctx.session.user })),
  saveSettings: roleProcedure([...CUSTODIAN_ROLES, ...APPROVER_ROLES, "admin"])
    .input(ZSettingsInput)
    .mutation(({ ctx, input }) => saveSettings({ db: ctx.db, user: ctx.session.user, input })),
  keeperCandidates: custodian.query(({ ctx }) => listKeeperCandidates({ db: ctx.db })),
  labels: custodian
    .use(rateLimit("pdf"))
    .input(ZLabelsInput)
    .query(({ ctx, input }) => renderLabels({ db: ctx.db, input })),

  intakeRegister: readers.input(ZIntakeFilters).query(({ ctx, input }) => intakeRegister({ db: ctx.db, filters: input })),
  usageRegister: readers.input(ZUsageFilters).query(({ ctx, input }) => usageRegister({ db: ctx.db, filters: input })),
  calibrationRegister: readers.input(ZCalibrationFilters).query(({ ctx, input }) => calibrationRegister({ db: ctx.db, filters: input })),
  calibrationFile: readers.input(ZCalibrationFileInput).query(({ ctx, input }) => calibrationFile({ db: ctx.db, calibrationId: input.calibrationId })),
  exportCsv: readers.input(ZExportRequest).query(({ ctx, input }) => exportCsv({ db: ctx.db, input, locale: input.locale })),
  exportPdf: readers
    .use(rateLimit("pdf"))
    .input(ZExportRequest)
    .query(({ ctx, input }) => exportPdf({ db: ctx.db, input, locale: input.locale })),
});
