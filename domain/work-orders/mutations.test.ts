import { describe, expect, test } from "vitest";
import { ZSelfCheckArgs, ZSignature } from "./mutations";

const png = { mime: "image/png" as const, base64: "iVBORw0KGgo=" };
const group = {
  points: [{ x: 1, y: 2, time: 3, pressure: 0.5 }],
  penColor: "black",
  dotSize: 0,
  minWidth: 0.5,
  maxWidth: 2.5,
  velocityFilterWeight: 0.7,
  compositeOperation: "source-over",
};

describe("signature and self-check inputs", () => {
  test("signature_pad's point groups keep their known fields; anything else is dropped, not stored as evidence", () => {
    const parsed = ZSignature.parse({ ...png, strokes: [{ ...group, script: "<img onerror=alert(1)>", nested: { a: 1 } }] });
    expect(parsed.strokes[0]).toEqual(group);
  });
  test("too many strokes or points are refused", () => {
    expect(ZSignature.safeParse({ ...png, strokes: Array.from({ length: 201 }, () => group) }).success).toBe(false);
    expect(ZSignature.safeParse({ ...png, strokes: [{ points: Array.from({ length: 5001 }, () => ({ x: 0, y: 0, time: 0 })) }] }).success).toBe(false);
  });
  test("a checklist holds at most 20 items", () => {
    const base = { workOrderId: "0190f5f6-0000-7000-8000-000000000001", signature: { ...png, strokes: [group] } };
    const ok = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`item${i}`, true]));
    expect(ZSelfCheckArgs.safeParse({ ...base, checklist: ok }).success).toBe(true);
    expect(ZSelfCheckArgs.safeParse({ ...base, checklist: { ...ok, extra: true } }).success).toBe(false);
  });
});
