import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import bwipjs from "bwip-js/node";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDecoder } from "@/client/scanner";
import { classifyScan } from "@/domain/scan/classify";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { makeInstrument, phoneFor, type Phone } from "@/tests/helpers/instruments";

function wasmBinary(): ArrayBuffer {
  const buf = readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm"));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

describe("printable tag labels", () => {
  let t: TestDb;
  let custodian: Phone;
  let wang: Phone;

  beforeAll(async () => {
    t = await createTestDb();
    custodian = await phoneFor(t.db, "instrument_custodian", "technology_development");
    wang = await phoneFor(t.db, "lineman", "terminal_service");
  });
  afterAll(async () => t?.close());

  it("PNG: a Code 128 and a Data Matrix per instrument that the app's own scanner reads back as the asset tag", async () => {
    const a = await makeInstrument(t.db);
    const b = await makeInstrument(t.db);
    const { files } = await custodian.caller.instruments.labels({ instrumentIds: [a.id, b.id], format: "png" });
    expect(files.map((f) => f.filename)).toEqual([
      `${a.assetTag}-code128.png`,
      `${a.assetTag}-datamatrix.png`,
      `${b.assetTag}-code128.png`,
      `${b.assetTag}-datamatrix.png`,
    ]);
    const decoder = createDecoder({ engine: "wasm", wasmBinary: wasmBinary() });
    for (const f of files) {
      // A white quiet zone around the code, as on a printed label.
      const png = await sharp(Buffer.from(f.base64, "base64"))
        .extend({ top: 20, bottom: 20, left: 20, right: 20, background: "#ffffff" })
        .flatten({ background: "#ffffff" })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const read = await decoder.decode({
        data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
        width: png.info.width,
        height: png.info.height,
      });
      const tag = f.filename.slice(0, 9);
      expect(read?.text, f.filename).toBe(tag);
      expect(read?.format, f.filename).toBe(f.filename.endsWith("-datamatrix.png") ? "datamatrix" : "code128");
      expect(classifyScan(read!.text).kind).toBe("asset_tag");
    }
    // tags printed before issue 10 carry a QR (bwip-js qrcode, scale 4): the scanner still reads them
    const old = await sharp(await bwipjs.toBuffer({ bcid: "qrcode", text: a.assetTag, scale: 4 }))
      .extend({ top: 20, bottom: 20, left: 20, right: 20, background: "#ffffff" })
      .flatten({ background: "#ffffff" })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const oldRead = await decoder.decode({
      data: new Uint8ClampedArray(old.data.buffer, old.data.byteOffset, old.data.byteLength),
      width: old.info.width,
      height: old.info.height,
    });
    expect(oldRead).toEqual({ text: a.assetTag, format: "qr" });
  });

  it("PDF: one sheet of labels; only the custodian prints them", async () => {
    const ids = await Promise.all(Array.from({ length: 13 }, () => makeInstrument(t.db).then((i) => i.id)));
    const { files } = await custodian.caller.instruments.labels({ instrumentIds: ids, format: "pdf" });
    expect(files).toHaveLength(1);
    const pdf = Buffer.from(files[0]!.base64, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length).toBe(2); // 12 labels a page
    await expectAppError(wang.caller.instruments.labels({ instrumentIds: ids, format: "pdf" }), "forbidden");
  });

  it("never for a scrapped instrument: the whole request is refused, naming its tag", async () => {
    const kept = await makeInstrument(t.db);
    const scrapped = await makeInstrument(t.db, { status: "scrapped" });
    for (const instrumentIds of [[scrapped.id], [kept.id, scrapped.id]]) {
      for (const format of ["pdf", "png"] as const) {
        const e = await expectAppError(custodian.caller.instruments.labels({ instrumentIds, format }), "rule_violation");
        expect(e.data.details).toEqual({ rule: "invalid_transition", reason: "label_not_printable", assetTags: [scrapped.assetTag] });
      }
    }
    expect((await custodian.caller.instruments.labels({ instrumentIds: [kept.id], format: "png" })).files).toHaveLength(2);
  });
});
