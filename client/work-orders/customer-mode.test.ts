import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import {
  customerModeOf,
  enterCustomerModeLocally,
  LOCK_MS,
  MAX_ATTEMPTS,
  leaveCustomerMode,
  markServerEntered,
  serverLeavePending,
  type TServerLeaveAnswer,
} from "./customer-mode";
import { makeVerifier, matchesVerifier, storeVerifier, verifyOffline } from "./verifier";

const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
const OTHER = "5c9f3f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
const WO = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const PASSWORD = "lineman-demo";

let n = 0;
let store: IdbSyncStore;
beforeEach(async () => {
  store = await IdbSyncStore.open(`customer-mode-${Date.now()}-${n++}`);
});

describe("the password verifier kept on the phone (PBKDF2-SHA-256, WebCrypto)", () => {
  it("matches the password and nothing else; salted (two verifiers of one password differ); never holds the password", async () => {
    const a = await makeVerifier(PASSWORD, 1000);
    const b = await makeVerifier(PASSWORD, 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain(PASSWORD);
    expect(await matchesVerifier(PASSWORD, a)).toBe(true);
    expect(await matchesVerifier(PASSWORD, b)).toBe(true);
    for (const wrong of ["", "lineman-demo ", "Lineman-demo", "lineman-dem"]) expect(await matchesVerifier(wrong, a)).toBe(false);
    expect(await matchesVerifier(PASSWORD, { ...a, iterations: 999 })).toBe(false);
  });

  it("is stored per user at sign-in with the production work factor; another user has none; logout drops it", async () => {
    await storeVerifier(store, USER, PASSWORD);
    expect(await store.getMeta<{ iterations: number }>(`verifier:${USER}`)).toMatchObject({ iterations: 600_000, alg: "PBKDF2-SHA-256" });
    expect(await verifyOffline(store, USER, PASSWORD)).toBe("ok");
    expect(await verifyOffline(store, USER, "wrong-password")).toBe("wrong");
    expect(await verifyOffline(store, OTHER, PASSWORD)).toBe("unknown");
    await store.clearReadCache();
    expect(await verifyOffline(store, USER, PASSWORD)).toBe("unknown");
  }, 30_000);
});

describe("leaving customer mode needs the lineman's password", () => {
  const server = (answer: TServerLeaveAnswer) => {
    const calls: string[] = [];
    return {
      calls,
      leave: (pw: string) => {
        calls.push(pw);
        return Promise.resolve(answer);
      },
    };
  };

  beforeEach(async () => {
    await store.setMeta(`verifier:${USER}`, await makeVerifier(PASSWORD, 1000));
    await enterCustomerModeLocally(store, USER, WO);
  });

  it("online: the server decides (a right password ends it there, a wrong one is refused even if the phone would accept it)", async () => {
    await markServerEntered(store, USER);
    const wrong = server("wrong");
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: wrong.leave })).toEqual({
      ok: false,
      reason: "wrong",
      attemptsLeft: MAX_ATTEMPTS - 1,
    });
    expect(await customerModeOf(store, USER)).toMatchObject({ workOrderId: WO, failedAttempts: 1 });
    // a password the phone already knows is wrong is not sent (nor counted against the lineman's sign-in limit)
    const ok = server("ok");
    expect(await leaveCustomerMode({ store, userId: USER, password: "guess", serverLeave: ok.leave })).toMatchObject({ ok: false, reason: "wrong" });
    expect(ok.calls).toEqual([]);
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: ok.leave })).toEqual({
      ok: true,
      by: "server",
      serverStillLocked: false,
    });
    expect(ok.calls).toEqual([PASSWORD]);
    expect(await customerModeOf(store, USER)).toBeNull();
    expect(await serverLeavePending(store, USER)).toBeNull();
  });

  it("offline: the phone's verifier decides; a server session left in customer mode is remembered to be ended later", async () => {
    await markServerEntered(store, USER);
    const down = server("unreachable");
    expect(await leaveCustomerMode({ store, userId: USER, password: "not-it-at-all", serverLeave: down.leave })).toMatchObject({ ok: false, reason: "wrong" });
    expect(await customerModeOf(store, USER)).not.toBeNull();
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: down.leave })).toEqual({
      ok: true,
      by: "phone",
      serverStillLocked: true,
    });
    expect(await customerModeOf(store, USER)).toBeNull();
    expect(await serverLeavePending(store, USER)).toMatchObject({ workOrderId: WO });
    // later, online: the lineman types the password again and the server ends it
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("ok").leave })).toMatchObject({ ok: true, by: "server" });
    expect(await serverLeavePending(store, USER)).toBeNull();
  });

  it("offline, entered with no signal: nothing to end on the server afterwards", async () => {
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("unreachable").leave })).toEqual({
      ok: true,
      by: "phone",
      serverStillLocked: false,
    });
    expect(await serverLeavePending(store, USER)).toBeNull();
  });

  it("a customer mode only on the phone: a wrong password is refused on the phone without asking the server", async () => {
    const anything = server("ok");
    expect(await leaveCustomerMode({ store, userId: USER, password: "customer-guess", serverLeave: anything.leave })).toMatchObject({
      ok: false,
      reason: "wrong",
    });
    expect(anything.calls).toEqual([]);
    expect(await customerModeOf(store, USER)).not.toBeNull();
  });

  it("no verifier on the phone (signed in before it existed): the server checks the password, online, even for a phone-only customer mode", async () => {
    await store.setMeta(`verifier:${USER}`, null);
    expect(await leaveCustomerMode({ store, userId: USER, password: "customer-guess", serverLeave: server("wrong").leave })).toMatchObject({
      ok: false,
      reason: "wrong",
    });
    expect(await customerModeOf(store, USER)).not.toBeNull();
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("ok").leave })).toEqual({
      ok: true,
      by: "server",
      serverStillLocked: false,
    });
    expect(await customerModeOf(store, USER)).toBeNull();
  });

  it("no verifier on the phone but the server holds customer mode: the server decides", async () => {
    await markServerEntered(store, USER);
    await store.setMeta(`verifier:${USER}`, null);
    expect(await leaveCustomerMode({ store, userId: USER, password: "x", serverLeave: server("wrong").leave })).toMatchObject({ ok: false, reason: "wrong" });
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("unreachable").leave })).toEqual({
      ok: false,
      reason: "no_verifier",
    });
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("ok").leave })).toEqual({
      ok: true,
      by: "server",
      serverStillLocked: false,
    });
  });

  it("offline without a verifier (signed in before this build): it cannot be unlocked on the phone", async () => {
    await store.setMeta(`verifier:${USER}`, null);
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: server("unreachable").leave })).toEqual({
      ok: false,
      reason: "no_verifier",
    });
    expect(await customerModeOf(store, USER)).not.toBeNull();
  });

  it(`${MAX_ATTEMPTS} wrong passwords in a row make it wait ${LOCK_MS / 1000} s, even for the right one`, async () => {
    let t = Date.parse("2026-11-26T03:00:00Z");
    const now = () => new Date(t);
    const down = server("unreachable");
    for (let i = 1; i < MAX_ATTEMPTS; i++)
      expect(await leaveCustomerMode({ store, userId: USER, password: `guess-${i}`, serverLeave: down.leave, now })).toMatchObject({
        reason: "wrong",
        attemptsLeft: MAX_ATTEMPTS - i,
      });
    const locked = await leaveCustomerMode({ store, userId: USER, password: "guess-last", serverLeave: down.leave, now });
    expect(locked).toEqual({ ok: false, reason: "locked", until: new Date(t + LOCK_MS).toISOString() });
    t += LOCK_MS - 1000;
    const calls = down.calls.length;
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: down.leave, now })).toMatchObject({ reason: "locked" });
    expect(down.calls.length).toBe(calls);
    t += 2000;
    expect(await leaveCustomerMode({ store, userId: USER, password: PASSWORD, serverLeave: down.leave, now })).toMatchObject({ ok: true });
  });

  it("wrong passwords are not forgotten: each further lock-out waits twice as long", async () => {
    let t = Date.parse("2026-11-26T03:00:00Z");
    const now = () => new Date(t);
    const down = server("unreachable");
    const guess = (i: number) => leaveCustomerMode({ store, userId: USER, password: `guess-${i}`, serverLeave: down.leave, now });
    for (let i = 1; i < MAX_ATTEMPTS; i++) await guess(i);
    expect(await guess(MAX_ATTEMPTS)).toEqual({ ok: false, reason: "locked", until: new Date(t + LOCK_MS).toISOString() });
    t += LOCK_MS + 1;
    for (let i = 1; i < MAX_ATTEMPTS; i++) expect(await guess(i)).toMatchObject({ reason: "wrong", attemptsLeft: MAX_ATTEMPTS - i });
    expect(await guess(MAX_ATTEMPTS)).toEqual({ ok: false, reason: "locked", until: new Date(t + 2 * LOCK_MS).toISOString() });
  });

  it("customer mode belongs to the user who started it", async () => {
    expect(await customerModeOf(store, OTHER)).toBeNull();
    expect(await customerModeOf(store, USER)).toMatchObject({ workOrderId: WO, serverEntered: false });
  });
});
