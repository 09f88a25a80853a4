/**
 * Where the decoder spends its second chances (issue 10, "Worn labels, read faster"). Pure: pixels and a small state
 * in, a decision out; client/scanner/engine-wasm.ts carries it out.
 *
 * - Skewed linear codes: zxing scans rows and columns, so a Code 128 with short bars is lost as soon as one scan line
 *   cannot cross all of it (≈ 5° for our 84 × 7 mm asset tags). Instead of turning every unread frame by ±20° (two
 *   extra passes that fit only labels near ±20°), {@link barAngle} looks for a barcode-like patch — many strong,
 *   parallel edges — and gives the one angle that makes its bars upright. No patch, no retry: a frame of a wall, a
 *   QR code or a hand costs nothing more.
 * - Light-on-dark codes: zxing's tryInvert repeats the whole try-harder pass, all formats, on every frame. Our labels
 *   are dark on light; what comes inverted is 2D (a laser-etched Data Matrix, a QR on a dark screen). So the first
 *   pass does not invert; an unread frame without bars gets one inverted look for QR and Data Matrix only
 *   (client/scanner/engine-wasm.ts WASM_INVERTED), a third of the cost.
 */
import type { Rect } from "./retry";
import type { ImageLike } from "./types";

/** Sample grid step: edges are measured on 2 × 2 pixel means (a 640×480 frame → 320×240 samples); green channel. */
const STEP = 2;
/** Block side in samples: 8 samples = 16 pixels of a 640-wide frame (short bars fill a block). */
const BLOCK = 8;
/** A block counts as bars when its edges agree in direction this much (1 = all parallel). */
export const MIN_COHERENCE = 0.65;
/** …and its edges are this strong on average (squared grey-level gradient per sample). */
const MIN_ENERGY = 400;
/** …and this share of its samples lie on an edge (bars: many edges; a label's border or a shadow: one). */
export const MIN_EDGE_SHARE = 0.35;
/** A sample is on an edge when its Sobel magnitude passes this (squared; ≈ 30 grey levels across a step). */
const EDGE = 120 * 120;
/** At least this many such blocks within ±ANGLE_TOLERANCE of one direction make a candidate. */
export const MIN_BLOCKS = 5;
const ANGLE_TOLERANCE = 4;
/** Bars within this many degrees of upright (or of lying flat) are left to the first pass. */
export const MIN_SKEW = 3;

export interface BarCandidate {
  /** Degrees to pass to rotateImage so the bars stand upright (or lie flat). */
  turn: number;
  blocks: number;
  /** Where the patch is, with room for its quiet zone: the retry turns only this part of the frame. */
  region: Rect;
}

/** Blocks of margin around the patch (quiet zone, the code's ends that wear made less regular). */
const MARGIN_BLOCKS = 4;

/**
 * The dominant direction of barcode-like patches in the frame, or null when there is none worth a retry. Structure
 * tensor per block on a grey sub-sampled copy; the doubled-angle average of the gradient is the bars' normal.
 */
export function barAngle(image: ImageLike): BarCandidate | null {
  const { data, width, height } = image;
  const sw = Math.floor(width / STEP);
  const sh = Math.floor(height / STEP);
  if (sw < 3 || sh < 3) return null;
  const g = new Float32Array(sw * sh);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      // mean of the STEP × STEP pixels (2 × 2): sub-sampling without aliasing thin bars
      const p = (y * STEP * width + x * STEP) * 4;
      const q = p + width * 4;
      g[y * sw + x] = (data[p + 1]! + data[p + 5]! + data[q + 1]! + data[q + 5]!) / 4;
    }
  }
  const bw = Math.floor(sw / BLOCK);
  const bh = Math.floor(sh / BLOCK);
  const angles: { deg: number; weight: number; bx: number; by: number }[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sxx = 0;
      let sxy = 0;
      let e = 0;
      let n = 0;
      let edges = 0;
      for (let y = Math.max(1, by * BLOCK); y < Math.min(sh - 1, (by + 1) * BLOCK); y++) {
        for (let x = Math.max(1, bx * BLOCK); x < Math.min(sw - 1, (bx + 1) * BLOCK); x++) {
          const i = y * sw + x;
          // Sobel
          const gx = g[i - sw + 1]! + 2 * g[i + 1]! + g[i + sw + 1]! - g[i - sw - 1]! - 2 * g[i - 1]! - g[i + sw - 1]!;
          const gy = g[i + sw - 1]! + 2 * g[i + sw]! + g[i + sw + 1]! - g[i - sw - 1]! - 2 * g[i - sw]! - g[i - sw + 1]!;
          sxx += gx * gx - gy * gy;
          sxy += 2 * gx * gy;
          const m = gx * gx + gy * gy;
          e += m;
          if (m > EDGE) edges++;
          n++;
        }
      }
      if (n === 0 || e / n < MIN_ENERGY || edges < MIN_EDGE_SHARE * n) continue;
      const coherence = Math.hypot(sxx, sxy) / e;
      if (coherence < MIN_COHERENCE) continue;
      // direction of the gradient (across the bars), degrees in [-90, 90)
      angles.push({ deg: (Math.atan2(sxy, sxx) * 90) / Math.PI, weight: coherence * Math.sqrt(e / n), bx, by });
    }
  }
  if (angles.length < MIN_BLOCKS) return null;
  // the direction with the most supporting blocks (circular over 180°)
  let best: { deg: number; blocks: number; weight: number; at: number } | null = null;
  for (const [at, a] of angles.entries()) {
    let blocks = 0;
    let weight = 0;
    let sum = 0;
    for (const b of angles) {
      const d = wrap180(b.deg - a.deg);
      if (Math.abs(d) <= ANGLE_TOLERANCE) {
        blocks++;
        weight += b.weight;
        sum += d * b.weight;
      }
    }
    if (!best || blocks > best.blocks || (blocks === best.blocks && weight > best.weight)) best = { deg: a.deg + sum / weight, blocks, weight, at };
  }
  if (!best || best.blocks < MIN_BLOCKS) return null;
  // skew from the nearest axis: 0° (bars upright) or 90° (bars lying, which zxing's own 90° turn handles)
  const skew = best.deg - 90 * Math.round(best.deg / 90);
  if (Math.abs(skew) < MIN_SKEW) return null;
  const seed = angles[best.at]!;
  const members = angles.filter((b) => Math.abs(wrap180(b.deg - seed.deg)) <= ANGLE_TOLERANCE);
  const px = BLOCK * STEP;
  const x0 = Math.max(0, (Math.min(...members.map((b) => b.bx)) - MARGIN_BLOCKS) * px);
  const y0 = Math.max(0, (Math.min(...members.map((b) => b.by)) - MARGIN_BLOCKS) * px);
  const x1 = Math.min(width, (Math.max(...members.map((b) => b.bx)) + 1 + MARGIN_BLOCKS) * px);
  const y1 = Math.min(height, (Math.max(...members.map((b) => b.by)) + 1 + MARGIN_BLOCKS) * px);
  // rotateImage(image, d) turns the picture by -d in the gradient's frame: undo the skew
  return { turn: -Math.round(skew * 10) / 10, blocks: best.blocks, region: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

function wrap180(d: number): number {
  return ((((d + 90) % 180) + 180) % 180) - 90;
}
