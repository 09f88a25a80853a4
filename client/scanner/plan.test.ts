import { describe, expect, it } from "vitest";
import { barAngle } from "./plan";
import { rotateImage } from "./retry";
import type { ImageLike } from "./types";

const W = 640;
const H = 480;

/** A grey frame with a white label of vertical bars (irregular widths, like Code 128), turned by `degrees`. */
function barsFrame(degrees: number, opts: { bars?: boolean; checker?: boolean } = {}): ImageLike {
  const data = new Uint8ClampedArray(W * H * 4);
  const rad = (degrees * Math.PI) / 180;
  const widths = [1, 2, 1, 3, 1, 1, 2, 4, 1, 2, 3, 1, 1, 2, 1, 3, 2, 1, 4, 1];
  const pattern: number[] = [];
  for (let k = 0; pattern.length < 400; k++) for (let j = 0; j < widths[k % widths.length]! * 3; j++) pattern.push(k % 2);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // label coordinates: un-turn the pixel about the centre
      const dx = x - W / 2;
      const dy = y - H / 2;
      const u = Math.cos(rad) * dx + Math.sin(rad) * dy;
      const v = -Math.sin(rad) * dx + Math.cos(rad) * dy;
      let value = 120;
      if (Math.abs(u) < 220 && Math.abs(v) < 60) {
        value = 235;
        if (opts.checker) value = (Math.floor((u + 220) / 12) + Math.floor((v + 60) / 12)) % 2 ? 20 : 235;
        else if (opts.bars !== false && Math.abs(u) < 190 && pattern[Math.floor(u + 190)] === 1) value = 20;
      }
      const p = (y * W + x) * 4;
      data[p] = data[p + 1] = data[p + 2] = value;
      data[p + 3] = 255;
    }
  }
  return { data, width: W, height: H };
}

describe("barAngle: where a skewed linear code is worth a turned retry", () => {
  it("finds bars skewed by 12° and turns them upright (rotateImage's sense), with the region around them", () => {
    for (const skew of [12, -12]) {
      const found = barAngle(barsFrame(skew));
      expect(found, `skew ${skew}`).not.toBeNull();
      // the frame was made by turning the label by `skew` in rotateImage's sense: undoing it is -skew
      // within 3°: a short-barred Code 128 reads up to ≈ 5° off
      expect(Math.abs(found!.turn + skew), `skew ${skew}: turn ${found!.turn}`).toBeLessThan(3);
      const r = found!.region;
      expect(r.x).toBeLessThan(W / 2 - 150);
      expect(r.x + r.width).toBeGreaterThan(W / 2 + 150);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y + r.height).toBeLessThanOrEqual(H);
    }
  });

  it("turning by its answer makes the bars upright again", () => {
    const frame = barsFrame(15);
    const found = barAngle(frame)!;
    const upright = rotateImage(frame, found.turn, found.region);
    expect(upright.data.length).toBe(upright.width * upright.height * 4);
    // no skew left worth another turn
    expect(barAngle(upright)).toBeNull();
  });

  it("no retry for upright bars, bars lying flat (zxing's own 90° turn reads those), a blank label or a checkerboard", () => {
    expect(barAngle(barsFrame(0))).toBeNull();
    expect(barAngle(barsFrame(90))).toBeNull();
    expect(barAngle(barsFrame(1.5))).toBeNull();
    expect(barAngle(barsFrame(12, { bars: false }))).toBeNull();
    expect(barAngle(barsFrame(12, { checker: true }))).toBeNull();
  });

  it("a tiny or empty image is no candidate", () => {
    expect(barAngle({ data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 })).toBeNull();
    expect(barAngle({ data: new Uint8ClampedArray(W * H * 4).fill(255), width: W, height: H })).toBeNull();
  });
});
