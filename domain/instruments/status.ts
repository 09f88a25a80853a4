/** Test instruments (Procedure 4); loan and calibration rules arrive with the instruments issue. */
export const INSTRUMENT_CATEGORIES = ["special", "public"] as const;
export type TInstrumentCategory = (typeof INSTRUMENT_CATEGORIES)[number];

export const INSTRUMENT_STATUSES = ["available", "on_loan", "at_repair", "scrapped"] as const;
export type TInstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

/** Calibration is due every two years at the city metrology station. */
export const CALIBRATION_INTERVAL_MONTHS = 24;
