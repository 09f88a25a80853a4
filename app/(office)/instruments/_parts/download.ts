/** Saves a text or base64 file the server made (CSV, PDF, PNG) under its name, from the browser. */
export function downloadFile(file: { filename: string; mime: string; text?: string; base64?: string }): void {
  let blob: Blob;
  if (file.base64 !== undefined) {
    const bin = atob(file.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    blob = new Blob([bytes], { type: file.mime });
  } else {
    blob = new Blob([file.text ?? ""], { type: `${file.mime};charset=utf-8` });
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chosen file as text: UTF-8, or GB18030 when it does not decode as UTF-8 (Excel's plain CSV on Chinese Windows). */
export async function readCsvFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** A chosen file as base64 (certificate scans and PDFs). */
export async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
