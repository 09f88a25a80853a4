/**
 * Worn field labels as a phone camera sees them (issue 10, "Worn labels, read faster"): 640×480 frames of our label
 * kinds — instrument asset tags IN-…, stock and equipment tags ST-/EQ-, license labels, work-order codes — printed at
 * a physical size (mm per module) and seen from where a hand holds the phone (aimed at the code, never closer than
 * the camera focuses), then worn: scratches, smudges and rubbed-off ink, partial occlusion (tape, a finger, a sticker
 * edge), faded ink, glare, defocus and motion blur, perspective and rotation, sensor noise, JPEG.
 *
 * Every frame draws its parameters from its own generator (seed, index), in a fixed order, BEFORE the symbology is
 * applied: a `--print` variant (our own tags forced to one symbology and size) sees the same poses and the same
 * wear as the default set, so variants compare print choices and nothing else.
 */
import bwipjs from "bwip-js/node";
import sharp from "sharp";
import { prng, type Rng } from "@/tests/helpers/prng";

export const W = 640;
export const H = 480;
/** Focal length in pixels of a phone's main camera giving a 640-wide frame (≈ 65° horizontal field of view). */
const F = 502;
/** Closest distance at which a phone camera focuses (mm): a small code cannot be brought closer than this. */
const D_MIN = 90;
const D_MAX = 350;

export type WornSym = "code128" | "qrcode" | "datamatrix";
export type WornKind = "asset" | "stock" | "equipment" | "license" | "license_full" | "work_order";

/** How a code is printed: symbology, mm per module, QR error correction level. */
export interface Print {
  sym: WornSym;
  moduleMm: number;
  ecl?: "L" | "M" | "Q" | "H";
  /** Code 128 bar height in mm (default: a share of the symbol's width drawn per frame, at least 8 mm). */
  barMm?: number;
}

/**
 * How our own tags are printed today (server/instruments/labels.ts, 90 × 45 mm label): Code 128 stretched to 84 mm
 * (0.75 mm a module for IN-nnnnnn) and a QR drawn at 30 mm (21 modules: 1.43 mm). Stock and equipment tags come off
 * the warehouse's label printer with smaller codes; licenses and work-order sheets are printed by others.
 */
function fieldPrint(kind: WornKind, r: Rng): Print {
  switch (kind) {
    case "asset":
      // the Code 128 image is 10 mm tall with the tag's text under it: 7.5 mm of bars
      return r.pick([
        { sym: "code128", moduleMm: 0.75, barMm: 7.5 },
        { sym: "code128", moduleMm: 0.75, barMm: 7.5 },
        { sym: "qrcode", moduleMm: 1.43 },
      ] as const);
    case "stock":
    case "equipment":
      return r.pick([
        { sym: "code128", moduleMm: r.range(0.33, 0.5) },
        { sym: "qrcode", moduleMm: r.range(0.6, 1) },
        { sym: "datamatrix", moduleMm: r.range(0.6, 1) },
      ] as const);
    case "license":
      return r.pick([
        { sym: "qrcode", moduleMm: r.range(0.45, 0.8) },
        { sym: "code128", moduleMm: r.range(0.3, 0.45) },
      ] as const);
    case "license_full":
      return { sym: "qrcode", moduleMm: r.range(0.35, 0.6) };
    case "work_order":
      return r.pick([
        { sym: "code128", moduleMm: r.range(0.4, 0.6) },
        { sym: "qrcode", moduleMm: r.range(0.6, 1) },
      ] as const);
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const LICENSES = ["00-D710-208870", "02-C124-211345", "01-B233-190021", "03-A511-240178", "00-E620-230556", "04-F902-250044"];

function payload(kind: WornKind, r: Rng): string {
  const n6 = pad(Math.floor(r.range(0, 1_000_000)), 6);
  switch (kind) {
    case "asset":
      return `IN-${n6}`;
    case "stock":
      return `ST-${n6}`;
    case "equipment":
      return `EQ-${n6}`;
    case "license":
      return r.pick(LICENSES);
    case "license_full":
      return `${r.pick(LICENSES)}\n型号:${r.pick(["HWCD868", "HG8245H", "KX-TES824CN"])}\n扰码:${Math.floor(r.range(1e11, 1e12))}`;
    case "work_order":
      return `WO-2026-${n6}`;
  }
}

/** The symbol as a module grid (1 = ink), without quiet zone. Code 128: one row of bars. */
export async function moduleGrid(p: Print, text: string): Promise<{ cols: number; rows: number; ink: Uint8Array }> {
  const png = await bwipjs.toBuffer({
    bcid: p.sym,
    text,
    scale: 1,
    ...(p.sym === "code128" ? { height: 2 } : {}),
    ...(p.sym === "qrcode" && p.ecl ? { eclevel: p.ecl } : {}),
    includetext: false,
    backgroundcolor: "FFFFFF",
  });
  const { data, info } = await sharp(png).flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
  // bwip-js draws 2D symbols at 2 px a module and linear ones at 1 px a module
  const step = p.sym === "code128" ? 1 : 2;
  const cols = Math.round(info.width / step);
  const rows = p.sym === "code128" ? 1 : Math.round(info.height / step);
  const ink = new Uint8Array(cols * rows);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) ink[y * cols + x] = data[(y * step + (step >> 1)) * info.width + x * step + (step >> 1)]! < 128 ? 1 : 0;
  return { cols, rows, ink };
}

/** Everything random about one frame, drawn in a fixed order so that print variants share it. */
export interface WornParams {
  kind: WornKind;
  field: Print;
  text: string;
  barRatio: number; // Code 128 bar height / width, when the print does not fix it
  aim: number; // fraction of the frame width the user aims the code to fill
  rot: number; // in-plane rotation, degrees
  tiltX: number;
  tiltY: number;
  offX: number; // where the code's centre lands, fraction of the free room
  offY: number;
  paper: number; // paper reflectance
  ink: number; // ink reflectance (faded ink is lighter)
  scratches: { u: number; v: number; angle: number; width: number; dark: boolean }[];
  smudges: { u: number; v: number; radius: number; amount: number }[];
  rubbed: number; // fraction of ink specks rubbed off
  occlusion: { side: number; depth: number; along: number; span: number; tone: number } | null;
  glare: { x: number; y: number; radius: number; amount: number } | null;
  bg: number;
  light: number;
  gx: number;
  gy: number;
  blur: number;
  motion: { length: number; angle: number } | null;
  noise: number;
  quality: number;
  seed: number;
}

export function drawParams(seed: number, i: number): WornParams {
  const r = prng(seed * 1_000_003 + i * 7919);
  const kind = r.weighted<WornKind>([
    ["asset", 4],
    ["stock", 2],
    ["equipment", 1],
    ["license", 2],
    ["license_full", 1],
    ["work_order", 2],
  ]);
  const field = fieldPrint(kind, r);
  const text = payload(kind, r);
  const scratches = Array.from({ length: r.int(3) }, () => ({
    u: r.next(),
    v: r.next(),
    angle: r.range(0, 180),
    width: r.range(0.1, 0.3),
    dark: r.chance(0.25),
  }));
  const smudges = Array.from({ length: r.int(3) }, () => ({ u: r.next(), v: r.next(), radius: r.range(2, 8), amount: r.range(-0.35, 0.35) }));
  const rubbed = r.chance(0.25) ? r.range(0.02, 0.12) : 0;
  const occlusion = r.chance(0.2) ? { side: r.int(4), depth: r.range(0.05, 0.25), along: r.next(), span: r.range(0.2, 0.7), tone: r.range(0.35, 0.95) } : null;
  const glare = r.chance(0.2) ? { x: r.range(-0.4, 0.4), y: r.range(-0.4, 0.4), radius: r.range(0.08, 0.3), amount: r.range(0.2, 0.8) } : null;
  return {
    kind,
    field,
    text,
    barRatio: r.range(0.15, 0.3),
    aim: r.range(0.35, 0.85),
    // a hand lines the phone up with the label roughly: mostly within ±11°, sometimes up to ±22°
    rot: (r.range(-22, 22) + r.range(-22, 22)) / 2,
    tiltX: r.range(-15, 15),
    tiltY: r.range(-15, 15),
    offX: r.next(),
    offY: r.next(),
    paper: r.range(0.72, 0.95),
    ink: r.chance(0.25) ? r.range(0.3, 0.5) : r.range(0.05, 0.3),
    scratches,
    smudges,
    rubbed,
    occlusion,
    glare,
    bg: r.range(0.25, 0.8),
    light: r.range(0.55, 1.05),
    gx: r.range(-0.4, 0.4),
    gy: r.range(-0.4, 0.4),
    blur: r.range(0.4, 1.1),
    motion: r.chance(0.2) ? { length: r.range(2, 5), angle: r.range(0, 180) } : null,
    noise: r.range(2, 10),
    quality: Math.round(r.range(35, 85)),
    seed: Math.floor(r.range(0, 2 ** 31)),
  };
}

type M3 = [number, number, number, number, number, number, number, number, number];

function invert(m: M3): M3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** Hash of an integer cell to [0, 1): a fixed speckle pattern for rubbed-off ink. */
function cellNoise(x: number, y: number, seed: number): number {
  let h = Math.imul(x, 374761393) + Math.imul(y, 668265263) + Math.imul(seed, 2246822519);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** One frame: JPEG bytes and the parameters worth keeping in index.json. */
export async function wornFrame(p: WornParams, print: Print): Promise<{ jpeg: Buffer; info: Record<string, unknown> }> {
  const grid = await moduleGrid(print, p.text);
  const linear = print.sym === "code128";
  const m = print.moduleMm;
  // the printed symbol in mm, with its quiet zone and a label margin around it
  const quiet = (linear ? 10 : 3) * m;
  const symW = grid.cols * m;
  const symH = linear ? (print.barMm ?? Math.max(8, p.barRatio * symW)) : grid.rows * m;
  const labW = symW + 2 * quiet + 4;
  const labH = symH + 2 * quiet + 4;
  // distance: the user aims the code to fill `aim` of the frame's width, within the camera's focus range
  const d = Math.min(D_MAX, Math.max(D_MIN, (F * symW) / (p.aim * W)));
  const rad = (x: number) => (x * Math.PI) / 180;
  const [cr, sr] = [Math.cos(rad(p.rot)), Math.sin(rad(p.rot))];
  const [cx, sx] = [Math.cos(rad(p.tiltX)), Math.sin(rad(p.tiltX))];
  const [cy, sy] = [Math.cos(rad(p.tiltY)), Math.sin(rad(p.tiltY))];
  // label axes in camera space: rotate in plane, tilt about x, then about y
  const ax = (v: [number, number, number]): [number, number, number] => {
    const [x1, y1, z1] = [cr * v[0] - sr * v[1], sr * v[0] + cr * v[1], v[2]];
    const [x2, y2, z2] = [x1, cx * y1 - sx * z1, sx * y1 + cx * z1];
    return [cy * x2 + sy * z2, y2, -sy * x2 + cy * z2];
  };
  const a = ax([1, 0, 0]);
  const b = ax([0, 1, 0]);
  // the code's centre lands somewhere its projected size leaves room for
  const half = (0.5 * Math.hypot(labW, labH) * F) / d;
  const px = half < W / 2 ? half + p.offX * (W - 2 * half) : W / 2;
  const py = half < H / 2 ? half + p.offY * (H - 2 * half) : H / 2;
  const centre: [number, number, number] = [((px - W / 2) * d) / F, ((py - H / 2) * d) / F, d];
  // plane point at label (u, v) mm: centre + (u - labW/2) a + (v - labH/2) b; image = K · that
  const o: [number, number, number] = [0, 1, 2].map((k) => centre[k]! - (labW / 2) * a[k]! - (labH / 2) * b[k]!) as [number, number, number];
  const K = (v: [number, number, number]) => [F * v[0] + (W / 2) * v[2], F * v[1] + (H / 2) * v[2], v[2]];
  const [ka, kb, ko] = [K(a), K(b), K(o)];
  const Hm: M3 = [ka[0]!, kb[0]!, ko[0]!, ka[1]!, kb[1]!, ko[1]!, ka[2]!, kb[2]!, ko[2]!];
  const Hi = invert(Hm);

  const sx0 = labW / 2 - symW / 2;
  const sy0 = labH / 2 - symH / 2;
  const scratches = p.scratches.map((s) => ({ ...s, u: s.u * labW, v: s.v * labH, c: Math.cos(rad(s.angle)), s: Math.sin(rad(s.angle)) }));
  const smudges = p.smudges.map((s) => ({ ...s, u: s.u * labW, v: s.v * labH }));
  const occ = p.occlusion;
  /** Reflectance of the label at (u, v) mm, or -1 outside it. */
  function label(u: number, v: number): number {
    if (u < 0 || v < 0 || u >= labW || v >= labH) return -1;
    if (occ) {
      const [along, across] = occ.side % 2 === 0 ? [u / labW, v / labH] : [v / labH, u / labW];
      const edge = occ.side < 2 ? across : 1 - across;
      if (edge < occ.depth && Math.abs(along - occ.along) < occ.span / 2) return occ.tone;
    }
    const gu = Math.floor((u - sx0) / m);
    const gv = linear ? 0 : Math.floor((v - sy0) / m);
    let inked = gu >= 0 && gu < grid.cols && v >= sy0 && v < sy0 + symH && gv < grid.rows && grid.ink[gv * grid.cols + gu] === 1;
    if (inked && p.rubbed > 0 && cellNoise(Math.floor(u / 0.25), Math.floor(v / 0.25), p.seed) < p.rubbed) inked = false;
    let val = inked ? p.ink : p.paper;
    for (const s of scratches) {
      const dist = Math.abs((u - s.u) * s.s - (v - s.v) * s.c);
      if (dist < s.width / 2) val = s.dark ? Math.min(val, p.ink + 0.1) : p.paper;
    }
    for (const s of smudges) {
      const r2 = ((u - s.u) ** 2 + (v - s.v) ** 2) / (s.radius * s.radius);
      if (r2 < 4) val = s.amount > 0 ? val + (p.paper - val) * s.amount * Math.exp(-r2) : val * (1 + s.amount * Math.exp(-r2));
    }
    return val;
  }

  const img = new Float32Array(W * H);
  const r = prng(p.seed);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      let hits = 0;
      // 2 × 2 samples a pixel: the lens integrates over the pixel, bars do not alias
      for (const [dx, dy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const X = x + dx;
        const Y = y + dy;
        const wgt = Hi[6] * X + Hi[7] * Y + Hi[8];
        const v = label((Hi[0] * X + Hi[1] * Y + Hi[2]) / wgt, (Hi[3] * X + Hi[4] * Y + Hi[5]) / wgt);
        if (v >= 0) {
          sum += v;
          hits++;
        }
      }
      const bg = p.bg * (0.9 + 0.2 * cellNoise(x >> 3, y >> 3, p.seed));
      img[y * W + x] = (sum + (4 - hits) * bg) / 4;
    }
  }
  // light: uneven, then glare (a bright spot that washes out the print), in 0..255
  const out = Buffer.alloc(W * H);
  const g = p.glare;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const shade = p.light * (1 + p.gx * (x / W - 0.5) + p.gy * (y / H - 0.5));
      let v = img[y * W + x]! * shade * 255;
      if (g) {
        const r2 = ((x - px - g.x * W) ** 2 + (y - py - g.y * H) ** 2) / (g.radius * W) ** 2;
        v += 255 * g.amount * Math.exp(-r2);
      }
      out[y * W + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  let pipeline = sharp(out, { raw: { width: W, height: H, channels: 1 } }).blur(p.blur);
  if (p.motion) {
    const n = 7;
    const kernel = new Array<number>(n * n).fill(0);
    const [mc, ms] = [Math.cos(rad(p.motion.angle)), Math.sin(rad(p.motion.angle))];
    for (let t = -p.motion.length / 2; t <= p.motion.length / 2; t += 0.25) kernel[Math.round(3 + t * ms) * n + Math.round(3 + t * mc)]! += 1;
    pipeline = sharp(await pipeline.toColourspace("b-w").raw().toBuffer(), { raw: { width: W, height: H, channels: 1 } }).convolve({
      width: n,
      height: n,
      kernel,
      scale: kernel.reduce((s, k) => s + k, 0),
    });
  }
  const blurred = await pipeline.toColourspace("b-w").raw().toBuffer();
  if (blurred.length !== W * H) throw new Error("expected one channel");
  const rgb = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    const n = Math.sqrt(-2 * Math.log(r.next() + 1e-9)) * Math.cos(2 * Math.PI * r.next()) * p.noise;
    const v = blurred[i]!;
    rgb[i * 3] = Math.max(0, Math.min(255, Math.round(v + n + 4)));
    rgb[i * 3 + 1] = Math.max(0, Math.min(255, Math.round(v + n)));
    rgb[i * 3 + 2] = Math.max(0, Math.min(255, Math.round(v + n - 6)));
  }
  const jpeg = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: p.quality })
    .toBuffer();
  return {
    jpeg,
    info: {
      sym: print.sym,
      moduleMm: +m.toFixed(2),
      ecl: print.ecl,
      distanceMm: Math.round(d),
      modulePx: +((F * m) / d).toFixed(2),
      rot: +p.rot.toFixed(1),
      tilt: [+p.tiltX.toFixed(1), +p.tiltY.toFixed(1)],
      scratches: p.scratches.length,
      smudges: p.smudges.length,
      rubbed: +p.rubbed.toFixed(2),
      occluded: p.occlusion !== null,
      glare: p.glare !== null,
      contrast: +(p.paper - p.ink).toFixed(2),
      blur: +p.blur.toFixed(2),
      motion: p.motion !== null,
      quality: p.quality,
    },
  };
}

/** Our own tags (IN/ST/EQ) as `print` says; everything else as printed in the field. */
export function printFor(p: WornParams, own: Print | null): Print {
  return own && (p.kind === "asset" || p.kind === "stock" || p.kind === "equipment") ? own : p.field;
}

/**
 * "<sym>:<mm per module>[:<QR level> | :<Code 128 bar height mm>]", e.g. "qrcode:1.43:H", "code128:0.75:7.5".
 * Code 128 bars default to 12 mm (what a 45 mm tall label leaves beside the text).
 */
export function parsePrint(spec: string): Print {
  const [sym, mm, extra] = spec.split(":");
  if ((sym !== "code128" && sym !== "qrcode" && sym !== "datamatrix") || !(Number(mm) > 0))
    throw new Error(`--print <code128|qrcode|datamatrix>:<mm per module>[:<QR level>|:<bar mm>], got ${spec}`);
  if (sym === "code128") return { sym, moduleMm: Number(mm), barMm: extra ? Number(extra) : 12 };
  if (extra !== undefined && (sym !== "qrcode" || !["L", "M", "Q", "H"].includes(extra))) throw new Error(`bad QR level ${extra}`);
  return { sym, moduleMm: Number(mm), ...(extra ? { ecl: extra as Print["ecl"] } : {}) };
}
