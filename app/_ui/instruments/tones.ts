import type { TTone } from "@/app/_ui/status-badge";
import type { TCalibrationState } from "@/domain/instruments/calibration";
import type { TLoanDueState } from "@/domain/instruments/loans";

/** The badge tone of a calibration state and of a loan's due state, for every screen that shows one. */
export const CALIBRATION_TONE: Record<TCalibrationState, TTone> = { valid: "ok", due_soon: "warn", overdue: "bad", failed: "bad", never: "bad" };
export const LOAN_DUE_TONE: Record<TLoanDueState, TTone> = { ok: "ok", due_soon: "warn", overdue: "bad" };
