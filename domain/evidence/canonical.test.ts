import { describe, expect, it } from "vitest";
import { base64ToBytes, canonicalJson, evidenceHash, sha256Hex, type TSignatureEvidence } from "./canonical";

describe("canonicalJson", () => {
  it("sorts keys at every depth, drops undefined members, no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: "é" }, u: undefined })).toBe('{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}');
  });
  it("sorts by UTF-16 code units (so upper case before lower case, ASCII before Chinese)", () => {
    expect(canonicalJson({ 名: 1, b: 2, B: 3, a: 4 })).toBe('{"B":3,"a":4,"b":2,"名":1}');
  });
  it("writes scalars as JSON does; dates as ISO strings; undefined in arrays as null", () => {
    expect(canonicalJson([true, false, null, 1.5, -0, 'a"b\n', undefined])).toBe('[true,false,null,1.5,0,"a\\"b\\n",null]');
    expect(canonicalJson(new Date("2026-11-25T00:00:00Z"))).toBe('"2026-11-25T00:00:00.000Z"');
  });
  it("refuses what has no stable text", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});

describe("sha256Hex / base64ToBytes", () => {
  it("known vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256Hex("abc"));
  });
  it("decodes base64 with and without padding, and refuses other characters", () => {
    expect([...base64ToBytes("iVBORw==")]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([...base64ToBytes("iVBORw")]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([...base64ToBytes("")]).toEqual([]);
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) % 256);
    expect([...base64ToBytes(Buffer.from(bytes).toString("base64"))]).toEqual([...bytes]);
    expect(() => base64ToBytes("ab$d")).toThrow(TypeError);
  });
});

describe("evidenceHash", () => {
  const e: TSignatureEvidence = {
    snapshot: {
      code: "WO-2026-000101",
      customerName: "张伟",
      equipment: [{ label: "00-D710-208870", outcome: "connected" }],
      evaluation: { attitude: 5, onTime: 5, comment: "" },
    },
    signatureSha256: "a".repeat(64),
    signerName: "张伟",
    userId: "11111111-1111-4111-8111-111111111111",
    deviceId: "22222222-2222-4222-8222-222222222222",
    clientTime: "2026-11-25T08:00:00.000Z",
  };

  it("is the SHA-256 of the canonical JSON of exactly these six fields", () => {
    expect(evidenceHash(e)).toBe(
      sha256Hex(
        canonicalJson({
          clientTime: e.clientTime,
          deviceId: e.deviceId,
          signatureSha256: e.signatureSha256,
          signerName: e.signerName,
          snapshot: e.snapshot,
          userId: e.userId,
        }),
      ),
    );
    expect(evidenceHash(e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stable across key order, at every depth", () => {
    const reordered: TSignatureEvidence = {
      clientTime: e.clientTime,
      userId: e.userId,
      deviceId: e.deviceId,
      signerName: e.signerName,
      signatureSha256: e.signatureSha256,
      snapshot: {
        evaluation: { comment: "", onTime: 5, attitude: 5 },
        equipment: [{ outcome: "connected", label: "00-D710-208870" }],
        customerName: "张伟",
        code: "WO-2026-000101",
      },
    };
    expect(evidenceHash(reordered)).toBe(evidenceHash(e));
  });

  it("changes when any field changes", () => {
    const h = evidenceHash(e);
    const changed: TSignatureEvidence[] = [
      { ...e, signatureSha256: "b".repeat(64) },
      { ...e, signerName: "张伟 " },
      { ...e, userId: "11111111-1111-4111-8111-111111111112" },
      { ...e, deviceId: "22222222-2222-4222-8222-222222222223" },
      { ...e, clientTime: "2026-11-25T08:00:00.001Z" },
      { ...e, snapshot: { ...e.snapshot, code: "WO-2026-000102" } },
      { ...e, snapshot: { ...e.snapshot, customerName: "张伟伟" } },
      { ...e, snapshot: { ...e.snapshot, equipment: [{ label: "00-D710-208870", outcome: "refused" }] } },
      { ...e, snapshot: { ...e.snapshot, evaluation: { attitude: 4, onTime: 5, comment: "" } } },
      { ...e, snapshot: { ...e.snapshot, extra: null } },
    ];
    const hashes = changed.map(evidenceHash);
    for (const x of hashes) expect(x).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
