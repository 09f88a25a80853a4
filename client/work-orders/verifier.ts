/**
 * The lineman's password, checked on the phone with no signal (to leave customer mode): at sign-in the phone keeps
 * a PBKDF2-SHA-256 verifier (random salt, 600 000 iterations, WebCrypto), never the password. Offline, the typed
 * password is derived the same way and compared in constant time. Online, the server checks it
 * (auth.leaveCustomerMode); the verifier is only the fallback. Dropped at logout (IdbSyncStore.clearReadCache).
 */
export const VERIFIER_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface TPasswordVerifier {
  v: 1;
  alg: "PBKDF2-SHA-256";
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
  createdAt: string;
}

type MetaStore = { setMeta(key: string, value: unknown): Promise<void>; getMeta<T>(key: string): Promise<T | undefined> };

const key = (userId: string) => `verifier:${userId}`;

function toB64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, HASH_BITS));
}

export async function makeVerifier(password: string, iterations = VERIFIER_ITERATIONS): Promise<TPasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return { v: 1, alg: "PBKDF2-SHA-256", iterations, salt: toB64(salt), hash: toB64(hash), createdAt: new Date().toISOString() };
}

/** Constant time in the length of the hash: no early exit on the first differing byte. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function matchesVerifier(password: string, v: TPasswordVerifier): Promise<boolean> {
  if (v.v !== 1 || v.alg !== "PBKDF2-SHA-256") return false;
  return sameBytes(await derive(password, fromB64(v.salt), v.iterations), fromB64(v.hash));
}

/** At sign-in: keep the verifier of this user's password on this phone (replaces an older one). */
export async function storeVerifier(store: MetaStore, userId: string, password: string | Promise<TPasswordVerifier>): Promise<void> {
  // a verifier already being derived (started with the sign-in request, so its 600 000 rounds are not waited for after it)
  await store.setMeta(key(userId), await (typeof password === "string" ? makeVerifier(password) : password));
}

/** "unknown": the phone holds no verifier for this user (signed in before this build): only the server can check. */
export async function verifyOffline(store: MetaStore, userId: string, password: string): Promise<"ok" | "wrong" | "unknown"> {
  const v = await store.getMeta<TPasswordVerifier>(key(userId));
  if (!v) return "unknown";
  return (await matchesVerifier(password, v)) ? "ok" : "wrong";
}
