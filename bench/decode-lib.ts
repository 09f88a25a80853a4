/**
 * The decode benchmark's core (issue 4): every image in a folder with its expected text in NAME.txt beside it
 * (NAME.bin, binary content, is skipped), decoded through exactly the app's code path — client/scanner's
 * createDecoder — after sharp turns the file into RGBA pixels as a camera frame would arrive. The decoded text is
 * also run through the app's parser (domain/scan) to count misreads that the parser would have accepted.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, extname, join } from "node:path";
import sharp from "sharp";
import { createDecoder, type Decoder, type TDecoderEngine } from "@/client/scanner";
import { classifyScan } from "@/domain/scan/classify";

export interface FileResult {
  file: string;
  expected: string;
  text: string | null;
  format: string | null;
  ok: boolean;
  misread: boolean;
  /** decoded, wrong, and accepted by classifyScan as something we would act on */
  acceptedMisread: boolean;
  kind: string | null;
  ms: number;
  /** CPU time of this process during the decode (all threads; the decode itself runs on this one) */
  cpu_ms: number;
}

export interface Summary {
  n: number;
  ok: number;
  misread: number;
  p50_ms: number;
  p95_ms: number;
}

/** Per-frame CPU time percentiles: steadier than wall time when other processes share the cores. */
export interface CpuSummary {
  p50_cpu_ms: number;
  p95_cpu_ms: number;
}

export interface BenchRun {
  set: string;
  engine: TDecoderEngine;
  dir: string;
  summary: Summary;
  acceptedMisread: number;
  initMs: number;
  meanMs: number;
  maxMs: number;
  cpu: CpuSummary;
  files: FileResult[];
}

const IMAGE = /\.(png|jpe?g|webp)$/i;

export function wasmBinary(): ArrayBuffer {
  const path = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
  const buf = readFileSync(path);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 100) / 100;
}

export function listCases(dir: string): { image: string; expected: string }[] {
  return readdirSync(dir)
    .filter((f) => IMAGE.test(f))
    .sort()
    .flatMap((f) => {
      const txt = join(dir, `${basename(f, extname(f))}.txt`);
      return existsSync(txt) ? [{ image: join(dir, f), expected: readFileSync(txt, "utf8") }] : [];
    });
}

/**
 * `make` replaces the app's decoder only for comparisons (decode-all's single-pass baseline). `warmup`: decode the
 * whole set once, untimed, with a decoder of its own first, so the JIT has compiled the JS steps (the retry
 * planner, rotation) as it has on a phone a few frames into a scan; without it the first frames count compile time.
 */
export async function runBench(dir: string, engine: TDecoderEngine, set = basename(dir), make?: () => Decoder, warmup = false): Promise<BenchRun> {
  const cases = listCases(dir);
  // decode the files first: the figure is the decoder's time per frame, not PNG/WebP decoding.
  const images = await Promise.all(
    cases.map(async (c) => {
      const { data, info } = await sharp(c.image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { ...c, image: { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height } };
    }),
  );
  const create = () => (make ? make() : createDecoder(engine === "wasm" ? { engine, wasmBinary: wasmBinary() } : { engine }));
  if (warmup) {
    const warm = create();
    for (const c of images) await warm.decode(c.image);
    warm.close();
  }
  const decoder = create();
  const t0 = performance.now();
  await decoder.decode({ data: new Uint8ClampedArray(16 * 16 * 4).fill(255), width: 16, height: 16 }); // instantiate
  const initMs = performance.now() - t0;
  const files: FileResult[] = [];
  for (const [i, c] of images.entries()) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const r = await decoder.decode(c.image);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    const ok = r !== null && r.text === c.expected;
    const misread = r !== null && !ok;
    const kind = r ? classifyScan(r.text).kind : null;
    files.push({
      file: basename(cases[i]!.image),
      expected: c.expected,
      text: r?.text ?? null,
      format: r?.format ?? null,
      ok,
      misread,
      acceptedMisread: misread && kind !== "unknown",
      kind,
      ms: Math.round(ms * 100) / 100,
      cpu_ms: Math.round((cpu.user + cpu.system) / 10) / 100,
    });
  }
  decoder.close();
  const times = files.map((f) => f.ms).sort((a, b) => a - b);
  const cpuTimes = files.map((f) => f.cpu_ms).sort((a, b) => a - b);
  return {
    set,
    engine,
    dir,
    summary: {
      n: files.length,
      ok: files.filter((f) => f.ok).length,
      misread: files.filter((f) => f.misread).length,
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
    },
    cpu: { p50_cpu_ms: percentile(cpuTimes, 50), p95_cpu_ms: percentile(cpuTimes, 95) },
    acceptedMisread: files.filter((f) => f.acceptedMisread).length,
    initMs: Math.round(initMs),
    meanMs: Math.round((times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)) * 100) / 100,
    maxMs: times.at(-1) ?? 0,
    files,
  };
}
