/**
 * CSV text → records, fed to csv-parse in chunks with a pause between them (domain/slices.ts): csv-parse's sync API
 * reads a whole 1 MB file in one call (0.6–1 s on this machine, every other request waiting). The parser is the same
 * (csv-parse's self-contained build, its documented stream API: write, data, end, error), so records, `info` and
 * errors are exactly what the sync API gives.
 */
import { Parser, type Options } from "csv-parse/browser/esm";
import { SLICE_MS, type TPause } from "@/domain/slices";

/**
 * Characters fed per chunk: adapted so that one write takes about SLICE_MS. A fixed size does not fit: the first
 * writes run before the parser is compiled (4 KB took 71 ms), later ones are fast, and a busy machine is slower
 * still (16 KB took up to 137 ms on 2 cores at load 10).
 */
export const CSV_CHUNK_CHARS = { first: 512, min: 256, max: 64 * 1024 } as const;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Parses `text` with `options`, pausing after every chunk. Resolves to the records; rejects with csv-parse's error. */
export async function parseCsvInSlices<T = string[]>(text: string, options: Options, pause: TPause): Promise<T[]> {
  const parser = new Parser(options);
  const out: T[] = [];
  let failure: { error: unknown } | null = null;
  const done = new Promise<void>((resolve) => {
    parser.on("end", () => resolve());
    parser.on("error", (error: unknown) => {
      failure ??= { error };
      resolve();
    });
  });
  parser.on("data", (record: T) => out.push(record));
  for (let i = 0, size: number = CSV_CHUNK_CHARS.first; i < text.length && failure === null;) {
    let end = Math.min(text.length, i + size);
    // never split a surrogate pair: each chunk is encoded on its own
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const started = Date.now();
    parser.write(text.slice(i, end));
    const took = Date.now() - started;
    size = took > SLICE_MS ? Math.max(CSV_CHUNK_CHARS.min, size >> 1) : took < SLICE_MS / 2 ? Math.min(CSV_CHUNK_CHARS.max, size * 2) : size;
    i = end;
    await pause();
  }
  if (failure === null) parser.end();
  await done;
  if (failure !== null) throw (failure as { error: unknown }).error;
  return out;
}
