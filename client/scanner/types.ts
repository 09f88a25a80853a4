/**
 * The decoder interface the scan screen and the decode benchmark share (DESIGN §4). No React, no DOM access
 * beyond what a Web Worker has: an engine takes RGBA pixels and returns at most one decoded text.
 */

/** The symbologies our labels and the boxes we receive carry; nothing else is looked for. */
export const SCAN_FORMATS = ["qr", "datamatrix", "code128", "ean13"] as const;
export type TScanFormat = (typeof SCAN_FORMATS)[number];

export type TDecoderEngine = "wasm" | "js";

/** ImageData or anything shaped like it (sharp's raw RGBA output in Node). 4 bytes per pixel, row-major. */
export interface ImageLike {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface DecodeResult {
  text: string;
  format: TScanFormat;
}

export interface Decoder {
  readonly engine: TDecoderEngine;
  decode(image: ImageLike): Promise<DecodeResult | null>;
  close(): void;
}

export interface DecoderOptions {
  engine: TDecoderEngine;
  /** Node: the bytes of zxing_reader.wasm (read from node_modules). Wins over `wasmUrl`. */
  wasmBinary?: ArrayBuffer;
  /** Browser: where our own origin serves zxing_reader.wasm. Never a CDN. Default {@link WASM_URL}. */
  wasmUrl?: string;
}

/** Copied there at build time by scripts/copy-zxing-wasm.mjs and precached by the service worker. */
export const WASM_URL = "/zxing/zxing_reader.wasm";

/** worker.ts bundled at build time by scripts/build-scan-worker.mjs (module worker), precached likewise. */
export const SCAN_WORKER_URL = "/scanner/decoder-worker.js";

export function checkImage(image: ImageLike): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`bad image size ${width}x${height}`);
  }
  if (data.length !== width * height * 4) throw new RangeError("image data is not width*height RGBA");
}
