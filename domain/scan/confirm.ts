/**
 * A decoded value is acted on only once it has been read in N consecutive frames (DESIGN §4: "the same code seen
 * in consecutive frames is confirmed before acting"). Pure: the scan loop keeps the state and feeds every frame's
 * outcome, null for a frame that read nothing (which breaks the run).
 */
export interface ConfirmState {
  value: string | null;
  count: number;
  /** The value last confirmed in this run, so one run of frames confirms once. */
  confirmed: boolean;
}

export const INITIAL_CONFIRM: ConfirmState = { value: null, count: 0, confirmed: false };

/** Frames in a row before a value counts (2 at 10–15 decodes a second ≈ 130–200 ms). */
export const DEFAULT_CONFIRM_FRAMES = 2;

export interface ConfirmStep {
  state: ConfirmState;
  /** The value, on the one frame at which it becomes confirmed; otherwise null. */
  confirmed: string | null;
}

export function confirmRead(state: ConfirmState, frame: string | null, frames: number = DEFAULT_CONFIRM_FRAMES): ConfirmStep {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError("frames must be a positive integer");
  if (frame === null) return { state: INITIAL_CONFIRM, confirmed: null };
  const count = frame === state.value ? state.count + 1 : 1;
  const already = frame === state.value && state.confirmed;
  if (!already && count >= frames) return { state: { value: frame, count, confirmed: true }, confirmed: frame };
  return { state: { value: frame, count, confirmed: already }, confirmed: null };
}
