/**
 * Whether bytes are a PNG whose chunk structure holds together: the signature, IHDR first, every chunk inside the
 * data, and IEND reached. pdfkit's PNG reader loops for ever on a file that only starts like a PNG (a chunk length
 * running past the end), so nothing reaches it without passing this. It does not inflate the image data.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isWellFormedPng(bytes: Uint8Array): boolean {
  if (bytes.length < SIGNATURE.length + 12 + 13 + 12) return false;
  if (SIGNATURE.some((b, i) => bytes[i] !== b)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = SIGNATURE.length;
  let first = true;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type)) return false;
    if (first && (type !== "IHDR" || length !== 13)) return false;
    const end = pos + 12 + length;
    if (end > bytes.length) return false;
    if (type === "IEND") return true;
    first = false;
    pos = end;
  }
  return false;
}
