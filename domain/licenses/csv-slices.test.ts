/**
 * Issue 11 ("one expensive request must not stall everyone"): the registry file is read in slices on the server.
 * The sliced reading must answer exactly what the one-go reading answers, for every input, and must really pause.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_CHUNK_CHARS } from "@/domain/csv/records";
import { parseLicenseCsv, parseLicenseCsvInSlices } from "./csv";

const EN = "license_no,mark_code,applicant,equipment_name,model,issue_date,expiry_date";
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("parseLicenseCsvInSlices", () => {
  it("answers as parseLicenseCsv on adversarial text (quotes, line ends, BOM, NUL, surrogates, tabs)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(",", '"', "\n", "\r", "\t", "a", "0", "-", "=", " ", "\u0000", "\uFEFF", "中", "\uD83D\uDE00", "\uD83D"),
          maxLength: 300,
        }),
        fc.boolean(),
        async (body, withHeader) => {
          const text = withHeader ? `${EN}\n${body}` : body;
          expect(await parseLicenseCsvInSlices(text, nextTurn)).toEqual(parseLicenseCsv(text));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it("a file of many chunks: the same rows, bad rows and lines; a multi-byte character or a quoted line break across a chunk edge", async () => {
    const rows: string[] = [EN];
    for (let i = 0; rows.join("\n").length < 3 * CSV_CHUNK_CHARS.max; i++) {
      const odd = i % 97 === 0 ? `"深圳 ${"😀".repeat(i % 7)},\n分公司"` : "深圳市中兴通讯股份有限公司";
      rows.push(`00-D710-${String(i % 500).padStart(6, "0")},,${odd},数字无绳电话机,HW${i},2024-03-01,${i % 13 === 0 ? "2023-01-01" : "2027-03-01"}`);
    }
    const text = rows.join("\r\n");
    let pauses = 0;
    const sliced = await parseLicenseCsvInSlices(text, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(sliced).toEqual(parseLicenseCsv(text));
    expect(pauses).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("a broken quote deep in the file is refused at the same line", async () => {
    const good = Array.from({ length: 800 }, (_, i) => `00-D710-${String(i).padStart(6, "0")},,A,B,C,2024-03-01,2027-03-01`);
    const text = `${EN}\n${good.join("\n")}\n00-D710-999999,,"Acme,B,C,2024-03-01,2027-03-01\n${good[0]}\n`;
    const sliced = await parseLicenseCsvInSlices(text, nextTurn);
    expect(sliced).toEqual(parseLicenseCsv(text));
    expect(sliced).toMatchObject({ ok: false, error: { code: "malformed", line: 802 } });
  }, 30_000);
});
