import type { TItemStatus } from "./labels";
import type { TChangeLabelArgs, TChangeLabelExpected } from "./mutations";

export interface TLabelState {
  status: TItemStatus;
  version: number;
  zoneCode: string | null;
}

export interface TPendingLabelChange {
  seq: number;
  args: TChangeLabelArgs;
  expected: TChangeLabelExpected;
}

/**
 * What the phone shows before the server has answered: the last synced state with the user's own queued
 * changes on top, in seq order. Each queued change predicts one more version. `pending` marks "not yet synced".
 */
export function predictLabel(synced: TLabelState, queued: readonly TPendingLabelChange[]): TLabelState & { pending: number } {
  const ordered = [...queued].sort((a, b) => a.seq - b.seq);
  let state: TLabelState = { ...synced };
  for (const change of ordered) {
    state = {
      status: change.args.to,
      version: state.version + 1,
      zoneCode: change.args.zoneCode ?? state.zoneCode,
    };
  }
  return { ...state, pending: ordered.length };
}

/** The `expected` a new change must carry: the state the user is looking at (including their own queue). */
export function expectedFrom(state: TLabelState): TChangeLabelExpected {
  return { from: state.status, version: state.version };
}
