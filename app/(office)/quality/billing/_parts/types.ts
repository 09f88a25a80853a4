import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

export type TBillingMonths = inferRouterOutputs<AppRouter>["billing"]["months"];
export type TBillingRow = TBillingMonths["rows"][number];

/** The month before a "YYYY-MM" month. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The `n` months ending with `last`, oldest first. */
export function monthsEndingWith(last: string, n: number): string[] {
  const out = [last];
  while (out.length < n) out.unshift(previousMonth(out[0]!));
  return out;
}
