/** Shared by the property schema tests: sample values, the refusal helpers, and the messages the tests met. */
import { expect } from "vitest";
import type { z } from "zod";

export const ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
export const uuid = (n: number) => `0193a1b2-c3d4-7e5f-8a6b-${String(n).padStart(12, "0")}`;
export const SIGNATURE = { mime: "image/png", base64: "iVBORw0KGgo=", strokes: [{ points: [{ x: 1, y: 2, time: 3 }] }] };
export const PHOTO = { mime: "image/jpeg", base64: "/9j/4AAQSkZJRg==" };
export const AT = "2026-03-10T10:15:00+08:00";

/** Every message a test below met, checked against both catalogues at the end. */
export const seen = new Set<string>();

export function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  const out = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  for (const i of out) seen.add(i.message);
  return out;
}

/** Refused, with an issue at `path` (and with `message` when given). */
export function refusedAt(schema: z.ZodType, input: unknown, path: string, message?: string) {
  const found = issues(schema, input);
  expect(
    found.map((i) => i.path),
    JSON.stringify(found),
  ).toContain(path);
  if (message) expect(found.filter((i) => i.path === path).map((i) => i.message)).toContain(message);
}

export function accepted<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  return r.data as z.infer<S>;
}

/** Hostile text for a one-line field (names, codes) and what it is refused with. */
export const LINE_HOSTILE: [string, string][] = [
  ["abc\u202Edef", "validation.text.bidi"],
  ["\u2066abc\u2069", "validation.text.bidi"],
  ["ab\u0000c", "validation.text.nul"],
  ["a\nb", "validation.text.control"],
  ["a\tb", "validation.text.control"],
  ["a\u0007b", "validation.text.control"],
  ["a\uD800b", "validation.text.lone_surrogate"],
];
/** Hostile text for a note; a line break is fine in a note. */
export const NOTE_HOSTILE: [string, string][] = [
  ["abc\u202Edef", "validation.text.bidi"],
  ["ab\u0000c", "validation.text.nul"],
  ["a\u001Bb", "validation.text.control"],
  ["a\u0085b", "validation.text.control"],
];

export function hostileLine(schema: z.ZodType, base: Record<string, unknown>, field: string) {
  for (const [text, message] of LINE_HOSTILE) refusedAt(schema, { ...base, [field]: text }, field, message);
}
export function hostileNote(schema: z.ZodType, base: Record<string, unknown>, field: string) {
  for (const [text, message] of NOTE_HOSTILE) refusedAt(schema, { ...base, [field]: text }, field, message);
  expect((accepted(schema, { ...base, [field]: " 第一行\r\n第二行 " }) as Record<string, unknown>)[field]).toBe("第一行\n第二行");
}
export function tooLong(schema: z.ZodType, base: Record<string, unknown>, field: string, max: number, fill = "字") {
  accepted(schema, { ...base, [field]: fill.repeat(max) });
  refusedAt(schema, { ...base, [field]: fill.repeat(max + 1) }, field, "validation.tooLong");
}

export const CUSTOMER = { customerName: "杭州某某贸易有限公司", customerPhone: "0571-88881234", customerAddress: "西湖区文三路 100 号 5 楼" };
