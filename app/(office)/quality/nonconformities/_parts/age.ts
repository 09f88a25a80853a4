/**
 * How an open nonconformity's age reads on the list: this week, within the month, older. Presentation only (the
 * deadlines that escalate are the record's, domain/quality/model.ts dueStep).
 */
export const AGE_BANDS = ["fresh", "week", "old"] as const;
export type TAgeBand = (typeof AGE_BANDS)[number];

export function ageBand(days: number): TAgeBand {
  if (days <= 7) return "fresh";
  if (days <= 30) return "week";
  return "old";
}

export function ageTone(days: number): "muted" | "warn" | "bad" {
  const b = ageBand(days);
  return b === "old" ? "bad" : b === "week" ? "warn" : "muted";
}
