/**
 * One small interface over the barcode engines (DESIGN §4): zxing-wasm first, zxing-js where WebAssembly is
 * unavailable. Used by the scan worker (worker.ts) and, unchanged, by the decode benchmark (bench/decode.ts).
 */
import { createJsDecoder } from "./engine-js";
import { createWasmDecoder } from "./engine-wasm";
import type { Decoder, DecoderOptions, TDecoderEngine } from "./types";

export * from "./types";

export function createDecoder(options: DecoderOptions): Decoder {
  return options.engine === "wasm" ? createWasmDecoder(options) : createJsDecoder();
}

/** WebAssembly present and allowed (a managed-device policy can remove it or make instantiation throw). */
export function webAssemblyAvailable(): boolean {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") return false;
    // the smallest valid module: "\0asm" version 1
    return new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

export function preferredEngine(): TDecoderEngine {
  return webAssemblyAvailable() ? "wasm" : "js";
}
