/// <reference lib="webworker" />
/**
 * The scan screen's decoder, off the main thread (DESIGN §4). The page posts camera frames as RGBA buffers
 * (transferred, not copied) and gets each buffer back with the result, to reuse for the next frame.
 * Engine: zxing-wasm from our own origin (WASM_URL, precached); zxing-js when WebAssembly is unavailable or the
 * module fails to load (a policy can block instantiation).
 *
 * Bundled on its own by scripts/build-scan-worker.mjs into public/scanner/decoder-worker.js (SCAN_WORKER_URL) and
 * started by client/scanner/camera-loop.ts as a module worker (why not Turbopack's worker bundling: see the script).
 */
import { createDecoder, preferredEngine, type DecodeResult, type Decoder, type TDecoderEngine } from "./index";

export type WorkerRequest =
  { type: "init"; engine?: TDecoderEngine; wasmUrl?: string } | { type: "decode"; id: number; width: number; height: number; buffer: ArrayBuffer };

export type WorkerResponse =
  | { type: "ready"; engine: TDecoderEngine }
  | { type: "result"; id: number; result: DecodeResult | null; ms: number; engine: TDecoderEngine; buffer: ArrayBuffer }
  | { type: "error"; id: number; message: string; buffer: ArrayBuffer };

declare const self: DedicatedWorkerGlobalScope;

let decoder: Decoder | null = null;
let wasmUrl: string | undefined;

function start(engine: TDecoderEngine): Decoder {
  decoder?.close();
  decoder = createDecoder({ engine, wasmUrl });
  return decoder;
}

function reply(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function decode(req: Extract<WorkerRequest, { type: "decode" }>): Promise<void> {
  const image = { data: new Uint8ClampedArray(req.buffer), width: req.width, height: req.height };
  const t0 = performance.now();
  let active = decoder ?? start(preferredEngine());
  try {
    let result: DecodeResult | null;
    try {
      result = await active.decode(image);
    } catch (e) {
      if (active.engine !== "wasm" || e instanceof RangeError) throw e;
      // the .wasm did not load or instantiate: fall back for the rest of this worker's life
      active = start("js");
      result = await active.decode(image);
    }
    reply({ type: "result", id: req.id, result, ms: performance.now() - t0, engine: active.engine, buffer: req.buffer }, [req.buffer]);
  } catch (e) {
    reply({ type: "error", id: req.id, message: e instanceof Error ? e.message : String(e), buffer: req.buffer }, [req.buffer]);
  }
}

// one frame at a time: a frame that arrives while one is decoding waits (the page sends the next only on reply).
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req.type === "init") {
    wasmUrl = req.wasmUrl;
    const d = start(req.engine ?? preferredEngine());
    reply({ type: "ready", engine: d.engine });
    return;
  }
  if (req.type === "decode") queue = queue.then(() => decode(req));
};
