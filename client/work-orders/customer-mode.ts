/**
 * Customer mode on the phone (DESIGN.md §6): the phone is handed to the customer and shows only one work order.
 * The phone's own record of it lives in IndexedDB (so a reload, a closed app or a back swipe lands on the customer
 * screen again); the server's session restriction (auth.enterCustomerMode) is set too when there is a connection.
 * Leaving needs the lineman's password: the server checks it when reachable, else the phone's PBKDF2 verifier;
 * a server session left in customer mode that way is ended later, with the password asked again.
 */
import { verifyOffline } from "./verifier";

type MetaStore = { setMeta(key: string, value: unknown): Promise<void>; getMeta<T>(key: string): Promise<T | undefined> };

export interface TCustomerModeState {
  userId: string;
  workOrderId: string;
  startedAt: string;
  /** The server session was put in customer mode too. */
  serverEntered: boolean;
  /** Wrong passwords in a row, and until when the unlock waits after too many. */
  failedAttempts: number;
  lockedUntil: string | null;
}

/** Left on the phone with no signal while the server session was restricted: end it there at the next chance. */
export interface TServerLeavePending {
  userId: string;
  workOrderId: string;
  since: string;
}

export const MAX_ATTEMPTS = 5;
export const LOCK_MS = 30_000;
/** The longest wait after repeated lock-outs (each one doubles the wait up to this). */
export const MAX_LOCK_MS = 60 * 60_000;
const ACTIVE = "customerMode";
const SERVER_PENDING = "customerModeServerPending";

export async function customerModeOf(store: MetaStore, userId: string): Promise<TCustomerModeState | null> {
  const s = await store.getMeta<TCustomerModeState | null>(ACTIVE);
  return s && s.userId === userId ? s : null;
}

export async function enterCustomerModeLocally(store: MetaStore, userId: string, workOrderId: string, now = new Date()): Promise<TCustomerModeState> {
  const state: TCustomerModeState = { userId, workOrderId, startedAt: now.toISOString(), serverEntered: false, failedAttempts: 0, lockedUntil: null };
  await store.setMeta(ACTIVE, state);
  return state;
}

export async function markServerEntered(store: MetaStore, userId: string): Promise<void> {
  const s = await customerModeOf(store, userId);
  if (s) await store.setMeta(ACTIVE, { ...s, serverEntered: true });
}

export async function serverLeavePending(store: MetaStore, userId: string): Promise<TServerLeavePending | null> {
  const p = await store.getMeta<TServerLeavePending | null>(SERVER_PENDING);
  return p && p.userId === userId ? p : null;
}

export async function clearServerLeavePending(store: MetaStore): Promise<void> {
  await store.setMeta(SERVER_PENDING, null);
}

/** How the server answered a leave request (the screen maps its tRPC call to this). */
export type TServerLeaveAnswer = "ok" | "wrong" | "unreachable";

export type TLeaveOutcome =
  | { ok: true; by: "server" | "phone"; serverStillLocked: boolean }
  | { ok: false; reason: "wrong"; attemptsLeft: number }
  | { ok: false; reason: "locked"; until: string }
  | { ok: false; reason: "no_verifier" };

/**
 * Leaves customer mode when the password is the lineman's. The phone's verifier answers first (offline too); when
 * the server holds the session in customer mode, the server must agree as well (it ends its restriction, and its
 * word wins: a password changed since sign-in). With no verifier on the phone (signed in before it existed) the
 * server is asked even for a phone-only customer mode: it checks the password in every case. Every
 * MAX_ATTEMPTS wrong passwords make the unlock wait, twice as long each time (wrong passwords are never forgotten
 * while customer mode lasts, so a customer cannot guess at leisure).
 */
export async function leaveCustomerMode(opts: {
  store: MetaStore;
  userId: string;
  password: string;
  serverLeave: (password: string) => Promise<TServerLeaveAnswer>;
  /** The server holds the session in customer mode though the phone's own record is gone (remembered or reported). */
  serverLocked?: boolean;
  now?: () => Date;
}): Promise<TLeaveOutcome> {
  const { store, userId, password } = opts;
  const now = opts.now ?? (() => new Date());
  const state = await customerModeOf(store, userId);
  if (state?.lockedUntil && Date.parse(state.lockedUntil) > now().getTime()) return { ok: false, reason: "locked", until: state.lockedUntil };
  const serverHolds = (state?.serverEntered ?? false) || (opts.serverLocked ?? false) || (await serverLeavePending(store, userId)) !== null;

  const local = await verifyOffline(store, userId, password);
  let verdict: "ok" | "wrong" | "unknown" = local;
  let by: "server" | "phone" = "phone";
  if (local !== "wrong" && (serverHolds || local === "unknown")) {
    const answer = await opts.serverLeave(password);
    if (answer !== "unreachable") {
      by = "server";
      verdict = answer;
    }
  }
  if (verdict === "unknown") return { ok: false, reason: "no_verifier" };
  if (verdict === "wrong") {
    const failedAttempts = (state?.failedAttempts ?? 0) + 1;
    const lockouts = Math.floor(failedAttempts / MAX_ATTEMPTS);
    const locked = failedAttempts % MAX_ATTEMPTS === 0;
    const lockedUntil = locked ? new Date(now().getTime() + Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** (lockouts - 1))).toISOString() : null;
    if (state) await store.setMeta(ACTIVE, { ...state, failedAttempts, lockedUntil });
    return locked && lockedUntil
      ? { ok: false, reason: "locked", until: lockedUntil }
      : { ok: false, reason: "wrong", attemptsLeft: MAX_ATTEMPTS - (failedAttempts % MAX_ATTEMPTS) };
  }
  // left here with no answer from a server that holds the session in customer mode: end it there later
  const serverStillLocked = serverHolds && by === "phone";
  if (serverStillLocked) {
    const pending: TServerLeavePending = {
      userId,
      workOrderId: state?.workOrderId ?? (await serverLeavePending(store, userId))?.workOrderId ?? "",
      since: now().toISOString(),
    };
    await store.setMeta(SERVER_PENDING, pending);
  } else if (by === "server") {
    await clearServerLeavePending(store);
  }
  await store.setMeta(ACTIVE, null);
  return { ok: true, by, serverStillLocked };
}
