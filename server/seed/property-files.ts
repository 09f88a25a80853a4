import "server-only";
import { crc32, deflateSync } from "node:zlib";

/**
 * Small files made in code for the demo's and the tests' documents: a one-page PDF with a line of text, and a PNG
 * (a few strokes on white, as a signature drawn on screen looks). Both are real files of their type (a PDF viewer
 * opens the one, pdfkit draws the other), not just the first bytes.
 */

/** A one-page A4 PDF saying `text` (ASCII) in Helvetica, with a correct cross-reference table. */
export function tinyPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 16 Tf 72 770 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * A greyscale PNG of `width`×`height` with a dark wave across it (a signature-like scribble); `seed` shifts the wave so
 * that two signatures are two different files (two evidence hashes).
 */
export function scribblePng(seed = 0, width = 120, height = 40): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1, 0xff);
    row[0] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const wave = height / 2 + Math.sin((x + seed * 7) / (6 + (seed % 5))) * (height / 3);
      if (Math.abs(y - wave) < 1.5) row[x + 1] = 0x10;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A signature as the screens send it (ZSignature): the PNG and its strokes. */
export function scribbleSignature(seed = 0) {
  return {
    mime: "image/png" as const,
    base64: scribblePng(seed).toString("base64"),
    strokes: [
      {
        points: [
          { x: 4, y: 20, time: 0, pressure: 0.5 },
          { x: 60, y: 12 + (seed % 9), time: 180, pressure: 0.5 },
          { x: 116, y: 24, time: 360, pressure: 0.5 },
        ],
        penColor: "black",
      },
    ],
  };
}
