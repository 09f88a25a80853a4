import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLicenseCsv } from "./csv";
import { FILE_ERRORS, ROW_REASONS } from "./csv-format";
import { EN, ok } from "./csv.fixtures";

describe("properties (fast-check)", () => {
  const cellText = fc
    .string({ unit: fc.constantFrom("a", "Z", "中", "文", " ", ",", '"', "(", "9", "é"), minLength: 1, maxLength: 30 })
    .filter((s) => s.trim() !== "" && !/^\s*[=+\-@]/.test(s));
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

  it("any text written with CSV quoting reads back exactly (trimmed)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 999_999 }), cellText, cellText, cellText), { minLength: 1, maxLength: 20 }), (rows) => {
        const unique = [...new Map(rows.map((r) => [r[0], r])).values()];
        const csv = [
          EN,
          ...unique.map(([n, a, e, m]) => [`00-D710-${String(n).padStart(6, "0")}`, "", quote(a), quote(e), quote(m), "2024-03-01", "2027-03-01"].join(",")),
        ].join("\r\n");
        const r = ok(parseLicenseCsv(csv));
        const models = unique.map(([, , , m]) => m.trim());
        const modelOk = (m: string) => m.length <= 64;
        expect(r.rows.map((x) => x.model)).toEqual(models.filter(modelOk));
        expect(r.rows.map((x) => x.applicant)).toEqual(unique.filter(([, , , m]) => modelOk(m.trim())).map(([, a]) => a.trim()));
      }),
      { numRuns: 200 },
    );
  });

  it("any text at all: never throws; rows and bad rows have distinct ascending lines; codes are known", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(",", '"', "\n", "\r", "\t", "a", "0", "-", "=", " ", "\u0000", "\uFEFF", "中"), maxLength: 400 }),
        (body) => {
          for (const text of [body, `${EN}\n${body}`]) {
            const r = parseLicenseCsv(text);
            if (!r.ok) {
              expect(FILE_ERRORS).toContain(r.error.code);
              continue;
            }
            const lines = [...r.rows.map((x) => x.line), ...r.bad.map((x) => x.line)].sort((a, b) => a - b);
            expect(new Set(lines).size).toBe(lines.length);
            for (const b of r.bad) for (const x of b.reasons) expect(ROW_REASONS).toContain(x.code);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
