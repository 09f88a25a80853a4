/**
 * The text of a PDF written by pdfkit with `compress: false`, decoded through each font's ToUnicode map, for
 * assertions on what a record says. pdfkit writes embedded fonts as 2-byte glyph ids (Identity-H) with a
 * ToUnicode CMap of `<lo> <hi> [<u1> <u2> …]` ranges, and standard fonts (Courier) as 1-byte WinAnsi codes;
 * each `TJ` is one line of text. Not a general PDF parser: enough for our own output, tested against it.
 */
export interface PdfText {
  /** All lines in drawing order, joined with newlines. */
  text: string;
  pages: number;
  /** Page sizes in points. */
  mediaBoxes: number[][];
  /** Image XObjects embedded (photos, signatures). */
  images: number;
}

export function pdfText(pdf: Buffer): PdfText {
  const src = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);

  // Font resource names (F1, F2…) → their code → text maps.
  const fontObjOf = new Map<string, string>();
  for (const m of src.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontObjOf.set(m[1]!, m[2]!);
  const cmaps = new Map<string, Map<number, string> | null>();
  for (const [name, objId] of fontObjOf) {
    const font = objects.get(objId) ?? "";
    const ref = /\/ToUnicode (\d+) 0 R/.exec(font);
    cmaps.set(name, ref ? parseCmap(objects.get(ref[1]!) ?? "") : null);
  }

  const lines: string[] = [];
  for (const body of objects.values()) {
    const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body)?.[1];
    if (!stream || !/ T[Jj]\b/.test(stream)) continue;
    let font: string | null = null;
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (op[1]) {
        font = op[1];
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
      const cmap = font ? cmaps.get(font) : null;
      lines.push(hexes.map((h) => decode(h, cmap ?? null)).join(""));
    }
  }
  const mediaBoxes = [...src.matchAll(/\/Type \/Page\b[\s\S]*?\/MediaBox \[([\d.\s]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
  return {
    text: lines.join("\n"),
    pages: Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(src)?.[1] ?? 0),
    mediaBoxes,
    images: (src.match(/\/Subtype \/Image/g) ?? []).length,
  };
}

function decode(hex: string, cmap: Map<number, string> | null): string {
  if (!cmap) return Buffer.from(hex, "hex").toString("latin1");
  let out = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? "\uFFFD";
  return out;
}

function utf16(hex: string): string {
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

function parseCmap(body: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of body.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = parseInt(r[1]!, 16);
      const hi = parseInt(r[2]!, 16);
      if (r[3]!.startsWith("[")) {
        // a ligature maps to several code units, written with spaces: <0066 0069>
        [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, k) => map.set(lo + k, utf16(u[1]!.replace(/\s+/g, ""))));
      } else {
        const base = parseInt(r[3]!.slice(1, -1).replace(/\s+/g, ""), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  for (const block of body.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const c of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(c[1]!, 16), utf16(c[2]!.replace(/\s+/g, "")));
  }
  return map;
}
