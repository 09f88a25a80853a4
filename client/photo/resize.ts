/**
 * A phone photo made small enough to travel in the outbox as evidence (domain MAX_PHOTO_BYTES, 180 KB): decoded
 * with createImageBitmap (EXIF orientation applied), scaled so its long side is at most 1600 px, encoded as JPEG,
 * and scaled/compressed further until it fits. Runs in the page; no upload happens here.
 */
import type { TPhoto } from "@/domain/items/mutations";

const LONG_SIDE = [1600, 1280, 1024, 800, 640];
const QUALITY = [0.82, 0.7, 0.6, 0.5];

export class PhotoError extends Error {
  constructor(readonly code: "not_image" | "unreadable" | "too_large") {
    super(code);
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function encode(bitmap: ImageBitmap, longSide: number, quality: number): Promise<Blob> {
  const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new PhotoError("unreadable");
  ctx.drawImage(bitmap, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
  if (!blob) throw new PhotoError("unreadable");
  return blob;
}

/** A photo file (camera capture or gallery) → a JPEG evidence photo of at most `maxBytes`. */
export async function photoFromFile(file: Blob, maxBytes: number): Promise<TPhoto & { bytes: number; previewUrl: string }> {
  if (!file.type.startsWith("image/")) throw new PhotoError("not_image");
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new PhotoError("unreadable");
  }
  try {
    for (const side of LONG_SIDE) {
      for (const q of QUALITY) {
        const blob = await encode(bitmap, side, q);
        if (blob.size > maxBytes) continue;
        const bytes = new Uint8Array(await blob.arrayBuffer());
        return { mime: "image/jpeg", base64: toBase64(bytes), bytes: bytes.length, previewUrl: URL.createObjectURL(blob) };
      }
    }
  } finally {
    bitmap.close();
  }
  throw new PhotoError("too_large");
}
