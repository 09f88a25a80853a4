import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isWellFormedPng } from "./png";

const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function chunk(type: string, data: Buffer, length = data.length): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, data, Buffer.alloc(4)]);
}
const ihdr = () => {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(1, 0);
  d.writeUInt32BE(1, 4);
  d[8] = 8;
  return chunk("IHDR", d);
};
const png = (...parts: Buffer[]) => Buffer.concat([SIG, ...parts]);

describe("isWellFormedPng", () => {
  it("accepts a real 1×1 image", () => {
    expect(isWellFormedPng(png(ihdr(), chunk("IDAT", deflateSync(Buffer.from([0, 0]))), chunk("IEND", Buffer.alloc(0))))).toBe(true);
  });

  it("refuses what only starts like a PNG: random bytes after the signature, a chunk running past the end, no IEND", () => {
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.concat([SIG, Buffer.from(Array.from({ length: 400 }, (_, k) => (k * 7919 + i * 104729) % 256))]);
      expect(isWellFormedPng(junk)).toBe(false);
    }
    expect(isWellFormedPng(png(ihdr(), chunk("IDAT", Buffer.alloc(4), 0xffffffff)))).toBe(false);
    expect(isWellFormedPng(png(ihdr(), chunk("IDAT", Buffer.alloc(4))))).toBe(false);
  });

  it("refuses a wrong signature, IHDR not first, a bad chunk type, and too little data", () => {
    expect(isWellFormedPng(Buffer.concat([Buffer.from("GIF89a.."), ihdr(), chunk("IEND", Buffer.alloc(0))]))).toBe(false);
    expect(isWellFormedPng(png(chunk("tEXt", Buffer.from("a")), ihdr(), chunk("IEND", Buffer.alloc(0))))).toBe(false);
    expect(isWellFormedPng(png(ihdr(), chunk("ID@T", Buffer.alloc(1)), chunk("IEND", Buffer.alloc(0))))).toBe(false);
    expect(isWellFormedPng(new Uint8Array(0))).toBe(false);
    expect(isWellFormedPng(SIG)).toBe(false);
  });

  it("reads a PNG inside a larger buffer by its own offset", () => {
    const whole = Buffer.concat([Buffer.alloc(5), png(ihdr(), chunk("IEND", Buffer.alloc(0)))]);
    expect(isWellFormedPng(new Uint8Array(whole.buffer, whole.byteOffset + 5, whole.length - 5))).toBe(true);
  });
});
