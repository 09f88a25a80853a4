/**
 * Second-chance transforms for a frame the first pass could not read. zxing scans linear codes along rows and
 * columns and gives up when bars are skewed by more than ~15°: a label held at an angle in a cupboard. These run
 * on plain pixel arrays (no canvas), so the same code works in a Web Worker and in Node.
 */
import type { ImageLike } from "./types";

/** The image rotated by `degrees` about its centre, same size, corners filled white, bilinear. RGBA out. */
export function rotateImage(image: ImageLike, degrees: number): ImageLike {
  const { data, width: w, height: h } = image;
  const gray = new Uint8Array(w * h);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) gray[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  const out = new Uint8ClampedArray(w * h * 4);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // where this output pixel comes from in the source
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const o = (y * w + x) * 4;
      let v = 255;
      if (sx >= 0 && sy >= 0 && sx < w - 1 && sy < h - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * w + x0;
        const top = gray[i]! + (gray[i + 1]! - gray[i]!) * fx;
        const bottom = gray[i + w]! + (gray[i + w + 1]! - gray[i + w]!) * fx;
        v = top + (bottom - top) * fy;
      }
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}
