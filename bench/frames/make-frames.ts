/**
 * npm run bench:frames [-- --out <folder>] [--count N] [--seed S]
 * Camera-sized frames (640×480) of our own label kinds, degraded as a phone sees them, for the decode benchmark:
 * license numbers (QR and Code 128, bare and with model/scramble fields), license-mark URLs (QR), asset, stock,
 * equipment tags and work-order codes (Code 128, QR, Data Matrix), EAN-13. Each frame: label small and
 * off-centre, rotated, blurred, faded print, uneven light, sensor noise, JPEG. NAME.txt holds the expected text.
 * Deterministic for a seed. Default folder: $TMPDIR/tracemark-frames (not in the repository).
 *
 * npm run bench:frames -- --worn [--print <sym>:<mm>[:<QR level>|:<bar mm>]] [--out …] [--count 120] [--seed 10]
 * Worn field labels instead (issue 10; bench/frames/worn.ts): 120 frames, seed 10, into $TMPDIR/tracemark-frames-worn.
 * `--print` prints our own tags (IN/ST/EQ) in one symbology and module size, everything else unchanged (same poses
 * and wear), into $TMPDIR/tracemark-frames-worn-<sym>-<mm>[-<level>|-bar<mm>]: the variants that choose how we print tags.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import bwipjs from "bwip-js/node";
import sharp from "sharp";
import { ean13CheckDigit } from "@/domain/scan/ean13";
import { prng, type Rng } from "@/tests/helpers/prng";
import { drawParams, parsePrint, printFor, wornFrame, type Print } from "./worn";

export const DEFAULT_FRAMES_DIR = join(tmpdir(), "tracemark-frames");
export const DEFAULT_WORN_DIR = join(tmpdir(), "tracemark-frames-worn");
export const WORN_COUNT = 120;
export const WORN_SEED = 10;
const W = 640;
const H = 480;

type Sym = "qrcode" | "datamatrix" | "code128" | "ean13";

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** The payloads: what our labels and the boxes we receive carry. */
function payloads(r: Rng): { kind: string; sym: Sym; text: string } {
  const licenses = ["00-D710-208870", "02-C124-211345", "01-B233-190021", "03-A511-240178", "00-E620-230556", "04-F902-250044"];
  const k = r.pick(["license", "license_full", "mark", "asset", "stock", "equipment", "work_order", "ean13"] as const);
  const n6 = pad(Math.floor(r.range(0, 1_000_000)), 6);
  switch (k) {
    case "license":
      return { kind: k, sym: r.pick(["qrcode", "code128"] as const), text: r.pick(licenses) };
    case "license_full":
      return {
        kind: k,
        sym: "qrcode",
        text: `${r.pick(licenses)}\n型号:${r.pick(["HWCD868", "HG8245H", "KX-TES824CN"])}\n扰码:${Math.floor(r.range(1e11, 1e12))}`,
      };
    case "mark":
      return { kind: k, sym: "qrcode", text: `https://jwxk.miit.gov.cn/e/${Math.floor(r.range(1e9, 1e10))}${Math.floor(r.range(1e9, 1e10))}` };
    case "asset":
      return { kind: k, sym: r.pick(["code128", "qrcode", "datamatrix"] as const), text: `IN-${n6}` };
    case "stock":
      return { kind: k, sym: r.pick(["code128", "qrcode", "datamatrix"] as const), text: `ST-${n6}` };
    case "equipment":
      return { kind: k, sym: r.pick(["code128", "datamatrix"] as const), text: `EQ-${n6}` };
    case "work_order":
      return { kind: k, sym: r.pick(["code128", "qrcode"] as const), text: `WO-2026-${n6}` };
    case "ean13": {
      const body = `69${pad(Math.floor(r.range(0, 1e10)), 10)}`;
      return { kind: k, sym: "ean13", text: `${body}${ean13CheckDigit(body)}` };
    }
  }
}

/** The symbol at one pixel per module, with its quiet zone, as a PNG. */
async function symbol(sym: Sym, text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: sym,
    text, // bwip-js writes non-ASCII text as UTF-8 bytes, which zxing reads back as UTF-8
    scale: 1,
    ...(sym === "code128" || sym === "ean13" ? { height: 12 } : {}),
    includetext: false,
    paddingwidth: sym === "qrcode" || sym === "datamatrix" ? 4 : 10,
    paddingheight: 4,
    backgroundcolor: "FFFFFF",
  });
}

async function frame(r: Rng, sym: Sym, text: string): Promise<{ jpeg: Buffer; params: Record<string, number> }> {
  const png = await symbol(sym, text);
  const meta = await sharp(png).metadata();
  const linear = sym === "code128" || sym === "ean13";
  // pixels per module as the phone sees it: small labels, a hand's length away
  const modulePx = linear ? r.range(1.4, 3.2) : r.range(2.2, 6);
  let lw = Math.round(meta.width * modulePx);
  let lh = Math.round(meta.height * modulePx * (linear ? r.range(1.8, 3) : 1));
  const angle = r.range(-25, 25);
  const rad = (Math.abs(angle) * Math.PI) / 180;
  const fit = Math.min(1, (W * 0.92) / (lw * Math.cos(rad) + lh * Math.sin(rad)), (H * 0.92) / (lw * Math.sin(rad) + lh * Math.cos(rad)));
  lw = Math.max(8, Math.round(lw * fit));
  lh = Math.max(8, Math.round(lh * fit));
  const label = await sharp(png)
    .resize(lw, lh, { fit: "fill", kernel: r.next() < 0.5 ? "cubic" : "nearest" })
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .rotate(angle, { background: { r: 255, g: 255, b: 255, alpha: 0 } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const { width: rw, height: rh } = label.info;
  const left = Math.floor(r.range(0, Math.max(1, W - rw)));
  const top = Math.floor(r.range(0, Math.max(1, H - rh)));
  const bg = Math.round(r.range(90, 200));
  const blur = r.range(0.3, linear ? 1.1 : 1.6);
  const composed = await sharp({ create: { width: W, height: H, channels: 3, background: { r: bg, g: bg, b: bg } } })
    .composite([{ input: label.data, left, top }])
    .blur(blur)
    .removeAlpha()
    .raw()
    .toBuffer();
  // faded print and uneven light, then sensor noise
  const fade = r.range(0.35, 1); // ink contrast left
  const light = r.range(0.6, 1.1);
  const gx = r.range(-0.35, 0.35);
  const gy = r.range(-0.35, 0.35);
  const noise = r.range(2, 14);
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const shade = light * (1 + gx * (x / W - 0.5) + gy * (y / H - 0.5));
      const g = Math.sqrt(-2 * Math.log(r.next() + 1e-9)) * Math.cos(2 * Math.PI * r.next()) * noise;
      for (let c = 0; c < 3; c++) {
        const v = 255 - (255 - composed[i + c]!) * fade;
        out[i + c] = Math.max(0, Math.min(255, Math.round(v * shade + g)));
      }
    }
  }
  const quality = Math.round(r.range(35, 85));
  const jpeg = await sharp(out, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
  return {
    jpeg,
    params: {
      modulePx: +modulePx.toFixed(2),
      angle: +angle.toFixed(1),
      blur: +blur.toFixed(2),
      fade: +fade.toFixed(2),
      light: +light.toFixed(2),
      noise: +noise.toFixed(1),
      quality,
    },
  };
}

export async function makeFrames(dir: string, count: number, seed: number): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = prng(seed);
  const index: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const p = payloads(r);
    const { jpeg, params } = await frame(r, p.sym, p.text);
    const name = `${pad(i, 4)}-${p.kind}-${p.sym}`;
    writeFileSync(join(dir, `${name}.jpg`), jpeg);
    writeFileSync(join(dir, `${name}.txt`), p.text);
    index.push({ name, ...p, ...params });
  }
  writeFileSync(join(dir, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
}

/** The worn set (or a print variant of it): NAME.jpg + NAME.txt, index.json with each frame's print, pose and wear. */
export async function makeWornFrames(dir: string, count = WORN_COUNT, seed = WORN_SEED, own: Print | null = null): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const index: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const p = drawParams(seed, i);
    const print = printFor(p, own);
    const { jpeg, info } = await wornFrame(p, print);
    const name = `${pad(i, 4)}-${p.kind}-${print.sym}`;
    writeFileSync(join(dir, `${name}.jpg`), jpeg);
    writeFileSync(join(dir, `${name}.txt`), p.text);
    index.push({ name, kind: p.kind, text: p.text, ...info });
  }
  writeFileSync(join(dir, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
}

export function wornDir(own: Print | null): string {
  return own ? `${DEFAULT_WORN_DIR}-${own.sym}-${own.moduleMm}${own.ecl ? `-${own.ecl}` : ""}${own.barMm ? `-bar${own.barMm}` : ""}` : DEFAULT_WORN_DIR;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      count: { type: "string" },
      seed: { type: "string" },
      worn: { type: "boolean", default: false },
      print: { type: "string" },
    },
  });
  if (values.worn || values.print) {
    const own = values.print ? parsePrint(values.print) : null;
    const dir = resolve(values.out ?? wornDir(own));
    const count = Number(values.count ?? WORN_COUNT);
    await makeWornFrames(dir, count, Number(values.seed ?? WORN_SEED), own);
    console.log(`${count} worn frames → ${dir}`);
  } else {
    const dir = resolve(values.out ?? DEFAULT_FRAMES_DIR);
    await makeFrames(dir, Number(values.count ?? 240), Number(values.seed ?? 4));
    console.log(`${values.count ?? 240} frames → ${dir}`);
  }
}
