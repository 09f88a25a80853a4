/**
 * The analysis screens' pickers. The controls are client components (picker-controls.tsx); `yearsAround` is a plain
 * function a server page calls (an export of a "use client" module is only a reference on the server, not callable).
 */
export { RangePicker, YearPicker } from "./picker-controls";

/** The years around `year`: `back` before it, `ahead` after. */
export function yearsAround(year: number, back = 4, ahead = 1): number[] {
  return Array.from({ length: back + ahead + 1 }, (_, i) => year - back + i);
}
