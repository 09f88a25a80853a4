import "server-only";
import { INSTRUMENT_MUTATION_VERSIONS as V } from "@/domain/instruments/mutations";
import { syncDomain } from "@/server/sync/contract";
import { lockInstrumentsOf } from "./facts";
import { INSTRUMENT_FEEDS } from "./feeds";
import { applyRecordCare, applyReportFault } from "./offline-field";
import { applyAcceptHandOver, applyCancelHandOver, applyDeclineHandOver, applyHandOver } from "./offline-handover";
import { applyBorrow, applyReturn } from "./offline-loans";
import { applyCloseRequest, applyConfirmReturn, applyIssue } from "./offline-custody";
import { applyConfirmHandOver } from "./offline-handover-confirm";

/**
 * Instruments on the phone: borrow, return, hand over, report a fault, record care, all by one scan (ADR 0012); the
 * custodian's issue, return and hand-over confirmations at Technology Development (ADR 0040).
 */
export const instrumentsSync = syncDomain({
  name: "instruments",
  mutations: {
    "instrument.borrow": { versions: V["instrument.borrow"], handler: applyBorrow },
    "instrument.return": { versions: V["instrument.return"], handler: applyReturn },
    "instrument.handOver": { versions: V["instrument.handOver"], handler: applyHandOver },
    "instrument.acceptHandOver": { versions: V["instrument.acceptHandOver"], handler: applyAcceptHandOver },
    "instrument.declineHandOver": { versions: V["instrument.declineHandOver"], handler: applyDeclineHandOver },
    "instrument.cancelHandOver": { versions: V["instrument.cancelHandOver"], handler: applyCancelHandOver },
    "instrument.reportFault": { versions: V["instrument.reportFault"], handler: applyReportFault },
    "instrument.recordCare": { versions: V["instrument.recordCare"], handler: applyRecordCare },
    "instrument.issue": { versions: V["instrument.issue"], handler: applyIssue },
    "instrument.closeRequest": { versions: V["instrument.closeRequest"], handler: applyCloseRequest },
    "instrument.confirmReturn": { versions: V["instrument.confirmReturn"], handler: applyConfirmReturn },
    "instrument.confirmHandOver": { versions: V["instrument.confirmHandOver"], handler: applyConfirmHandOver },
  },
  lock: lockInstrumentsOf,
  feeds: INSTRUMENT_FEEDS,
});
