/**
 * Second-chance transforms for a frame the first pass could not read. zxing scans linear codes along rows and
 * columns and gives up when bars are skewed by more than ~15°: a label held at an angle in a cupboard. These run
 * on plain pixel arrays (no canvas), so the same code works in a Web Worker and in Node.
 */
import type { ImageLike } from "./types";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The image rotated by `degrees` about its centre, same size, corners filled white, bilinear. RGBA out.
 * With `region`: only that part of the image, turned about its centre, into a picture just large enough to hold it
 * (pixels from around the region fill the corners): a skewed barcode costs its own size, not the frame's.
 */
export function rotateImage(image: ImageLike, degrees: number, region?: Rect): ImageLike {
  const { data, width: w, height: h } = image;
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const r = region ?? { x: 0, y: 0, width: w, height: h };
  const ow = region ? Math.ceil(Math.abs(r.width * cos) + Math.abs(r.height * sin)) : w;
  const oh = region ? Math.ceil(Math.abs(r.width * sin) + Math.abs(r.height * cos)) : h;
  // grey levels of the source rows the turned region can reach
  const reach = Math.ceil(Math.hypot(ow, oh) / 2) + 1;
  const gy0 = Math.max(0, Math.floor(r.y + r.height / 2 - reach));
  const gy1 = Math.min(h, Math.ceil(r.y + r.height / 2 + reach));
  const gray = new Uint8Array(w * h);
  for (let i = gy0 * w, p = i * 4; i < gy1 * w; i++, p += 4) gray[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  const out = new Uint8ClampedArray(ow * oh * 4);
  const cx = r.x + (r.width - 1) / 2;
  const cy = r.y + (r.height - 1) / 2;
  const ocx = (ow - 1) / 2;
  const ocy = (oh - 1) / 2;
  for (let y = 0; y < oh; y++) {
    const dy = y - ocy;
    for (let x = 0; x < ow; x++) {
      const dx = x - ocx;
      // where this output pixel comes from in the source
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const o = (y * ow + x) * 4;
      let v = 255;
      if (sx >= 0 && sy >= 0 && sx < w - 1 && sy < h - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * w + x0;
        const a = gray[i]!;
        const b = gray[i + 1]!;
        const c = gray[i + w]!;
        const d = gray[i + w + 1]!;
        const top = a + (b - a) * fx;
        const bottom = c + (d - c) * fx;
        v = top + (bottom - top) * fy;
      }
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: ow, height: oh };
}

/** The image with reflectance reversed (a light-on-dark code becomes dark-on-light). RGBA out. */
export function invertImage(image: ImageLike): ImageLike {
  const out = new Uint8ClampedArray(image.data.length);
  for (let p = 0; p < out.length; p += 4) {
    out[p] = 255 - image.data[p]!;
    out[p + 1] = 255 - image.data[p + 1]!;
    out[p + 2] = 255 - image.data[p + 2]!;
    out[p + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}
