/**
 * Primary engine: zxing-cpp compiled to WebAssembly (zxing-wasm, reader-only build). The .wasm never comes from a
 * CDN: Node passes its bytes (`wasmBinary`), the browser loads it from our origin (`locateFile` → WASM_URL).
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import { rotateImage } from "./retry";
import { checkImage, WASM_URL, type Decoder, type DecodeResult, type DecoderOptions, type ImageLike, type TScanFormat } from "./types";

const FORMAT_OF: Record<string, TScanFormat> = {
  QRCode: "qr",
  DataMatrix: "datamatrix",
  Code128: "code128",
  EAN13: "ean13",
};

const BASE: ReaderOptions = {
  formats: ["QRCode", "DataMatrix", "Code128", "EAN13"],
  maxNumberOfSymbols: 1,
  // why Plain: the raw symbol content (GS1 separators stay as GS, not "(01)…"); domain/scan parsers judge it.
  textMode: "Plain",
  returnErrors: false,
};

/**
 * One try-harder pass (zxing-cpp's own rotation, inversion and downscaling), then, only when it read nothing, the
 * linear formats again on the frame turned by ±20°: zxing gives up on bars skewed past ~15°, a label held at an
 * angle. Measured on camera-sized frames (bench/README.md): 215 → 226 of 240 read, p95 14 → 22 ms.
 * No cheaper "fast" first pass: it misread EAN-13s that the try-harder pass did not (fewer scan lines agree).
 */
export const WASM_PASS: ReaderOptions = { ...BASE, tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true };
export const WASM_RETRY: ReaderOptions = { ...WASM_PASS, formats: ["Code128", "EAN13"], tryRotate: false, tryInvert: false };
export const RETRY_ANGLES: readonly number[] = [20, -20];

let preparedWith: string | null = null;

function prepare(options: DecoderOptions): void {
  const key = options.wasmBinary ? "binary" : (options.wasmUrl ?? WASM_URL);
  if (preparedWith === key) return;
  const overrides = options.wasmBinary
    ? { wasmBinary: options.wasmBinary }
    : { locateFile: (path: string) => (path.endsWith(".wasm") ? (options.wasmUrl ?? WASM_URL) : path) };
  // why always override: zxing-wasm's default locateFile points at a CDN.
  prepareZXingModule({ overrides, equalityFn: Object.is, fireImmediately: false });
  preparedWith = key;
}

function pick(results: Awaited<ReturnType<typeof readBarcodes>>): DecodeResult | null {
  for (const r of results) {
    // a model-2 QR reports format "QRCode" (symbology "QRCode"); map by either, nothing else passes.
    const format = FORMAT_OF[r.format] ?? FORMAT_OF[r.symbology];
    if (r.isValid && format && r.text !== "") return { text: r.text, format };
  }
  return null;
}

export function createWasmDecoder(options: DecoderOptions, retryAngles: readonly number[] = RETRY_ANGLES): Decoder {
  prepare(options);
  let closed = false;
  return {
    engine: "wasm",
    async decode(image: ImageLike): Promise<DecodeResult | null> {
      if (closed) throw new Error("decoder closed");
      checkImage(image);
      // zxing-wasm reads ImageData by shape ({data, width, height}).
      const first = pick(await readBarcodes(image as unknown as ImageData, WASM_PASS));
      if (first) return first;
      for (const angle of retryAngles) {
        const turned = pick(await readBarcodes(rotateImage(image, angle) as unknown as ImageData, WASM_RETRY));
        if (turned) return turned;
      }
      return null;
    },
    close() {
      closed = true;
    },
  };
}
