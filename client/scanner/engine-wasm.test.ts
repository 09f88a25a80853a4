import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import bwipjs from "bwip-js/node";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createWasmDecoder, type TWasmStrategy } from "./engine-wasm";
import type { ImageLike } from "./types";

function wasmBinary(): ArrayBuffer {
  const buf = readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm"));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

/** A 640×480 camera-like frame: our asset tag as a wide Code 128 with short bars, turned by `degrees`, on grey. */
async function skewedTag(text: string, degrees: number): Promise<ImageLike> {
  const png = await bwipjs.toBuffer({
    bcid: "code128",
    text,
    scale: 1,
    height: 2,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 2,
    backgroundcolor: "FFFFFF",
  });
  const meta = await sharp(png).metadata();
  // 3 px a module, bars 30 px tall on a 360 px wide code: like our 84 × 7.5 mm tag
  const label = await sharp(png)
    .resize(meta.width * 3, 30, { fit: "fill", kernel: "nearest" })
    .rotate(degrees, { background: { r: 150, g: 150, b: 150, alpha: 1 } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const { data, info } = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 150, g: 150, b: 150 } } })
    .composite([{ input: label.data, left: Math.round((640 - label.info.width) / 2), top: Math.round((480 - label.info.height) / 2) }])
    .blur(0.6)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

const decode = async (strategy: TWasmStrategy, image: ImageLike) => {
  const decoder = createWasmDecoder({ engine: "wasm", wasmBinary: wasmBinary() }, strategy);
  try {
    return await decoder.decode(image);
  } finally {
    decoder.close();
  }
};

describe("zxing-wasm engine: retries where they pay (issue 10)", () => {
  it("reads a short-barred Code 128 tag held 9° off by turning it by its measured skew; one try-harder pass does not", async () => {
    for (const degrees of [9, -9]) {
      const frame = await skewedTag("IN-000301", degrees);
      expect(await decode("single", frame), `${degrees}°, single pass`).toBeNull();
      expect(await decode("planned", frame), `${degrees}°, app`).toEqual({ text: "IN-000301", format: "code128" });
    }
  });

  it("reads a light-on-dark Data Matrix (the inverted look) and an upright tag in the first pass", async () => {
    const png = await bwipjs.toBuffer({ bcid: "datamatrix", text: "EQ-000201", scale: 6, paddingwidth: 4, paddingheight: 4, backgroundcolor: "FFFFFF" });
    const { data, info } = await sharp(png)
      .negate({ alpha: false })
      .extend({ top: 100, bottom: 100, left: 200, right: 200, background: "#202020" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const inverted = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
    expect(await decode("planned", inverted)).toEqual({ text: "EQ-000201", format: "datamatrix" });
    expect(await decode("planned", await skewedTag("ST-000101", 0))).toEqual({ text: "ST-000101", format: "code128" });
  });
});
