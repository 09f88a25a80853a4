/**
 * Canonical JSON (the subset of RFC 8785 our data needs): object keys sorted by UTF-16 code units, no
 * whitespace, `undefined` members dropped, numbers as JSON.stringify writes them (finite only). The same value
 * gives the same text on every device and on the server, whatever order its keys were built in.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === "string" ? utf8ToBytes(data) : data));
}

/** Base64 → bytes without Node or DOM APIs (atob is in both, but keep domain/ free of either). */
export function base64ToBytes(b64: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const clean = b64.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new TypeError("base64ToBytes: bad character");
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** What a customer's signature binds (DESIGN.md §5). */
export interface TSignatureEvidence {
  snapshot: Record<string, unknown>;
  signatureSha256: string;
  signerName: string;
  userId: string;
  deviceId: string;
  clientTime: string;
}

/** SHA-256 over the canonical JSON of the evidence: computed on the phone at capture, recomputed by the server. */
export function evidenceHash(e: TSignatureEvidence): string {
  return sha256Hex(
    canonicalJson({
      snapshot: e.snapshot,
      signatureSha256: e.signatureSha256,
      signerName: e.signerName,
      userId: e.userId,
      deviceId: e.deviceId,
      clientTime: e.clientTime,
    }),
  );
}
