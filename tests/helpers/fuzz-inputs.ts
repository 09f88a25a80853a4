/**
 * Adversarial inputs for the fuzz test (server/fuzz.test.ts): random objects with the schemas' field names, nasty
 * strings and numbers, deep nesting, and valid inputs with one value replaced.
 */
import fc from "fast-check";

/** Field names the schemas use, so that random objects reach past "unknown key" into the fields' own rules. */
export const FIELDS = [
  "id",
  "workOrderId",
  "instrumentId",
  "itemId",
  "loanId",
  "requestId",
  "userId",
  "deviceId",
  "handoverId",
  "checkId",
  "q",
  "kind",
  "status",
  "group",
  "note",
  "notes",
  "reason",
  "contact",
  "customerName",
  "address",
  "service",
  "scheduledFor",
  "dueAt",
  "keyCustomer",
  "assigneeId",
  "version",
  "username",
  "displayName",
  "password",
  "role",
  "department",
  "csv",
  "assetTag",
  "name",
  "model",
  "serial",
  "category",
  "location",
  "intakeDate",
  "serviceLifeYears",
  "decision",
  "term",
  "dueOn",
  "purpose",
  "condition",
  "to",
  "from",
  "zoneCode",
  "photo",
  "signature",
  "mime",
  "base64",
  "strokes",
  "points",
  "checklist",
  "snapshot",
  "evidenceHash",
  "signerName",
  "comment",
  "ratings",
  "licenseNo",
  "markCode",
  "equipmentType",
  "pbx",
  "result",
  "outcome",
  "file",
  "locale",
  "everywhere",
  "cursor",
  "reference",
  "mutationId",
  "resolution",
  "caption",
  "description",
  "care",
  "toUsername",
  "geo",
  "lat",
  "lng",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
];

export const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFFx",
  "\u202E1380000000\u202C",
  "\u2066x\u2069",
  "\u200B",
  "\uFEFF",
  "\u001B[2J",
  "\r\n",
  "\u0085",
  "'; drop table users; --",
  "%00",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "𠮷😀👨\u200D👩",
  "Ａ",
  "0",
  "-1",
  "NaN",
  "1e309",
  "2026-02-30",
  "2026-12-04T25:00:00Z",
  "00-D710-208870",
  "01920000-0000-7000-8000-000000000001",
  "00000000-0000-0000-0000-000000000000",
  "x".repeat(70_000),
];
export const nasty = fc.constantFrom(...NASTY);
export const oddNumber = fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity);

export function deep(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { q: v };
  return v;
}

export const leaf = fc.oneof(
  nasty,
  oddNumber,
  fc.string(),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);
export const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 5 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 3 }),
  ),
}));
/** An input: mostly objects with the schemas' field names, sometimes anything at all, sometimes 100,000 deep. */
export const input = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }) },
  { weight: 2, arbitrary: value },
  {
    weight: 1,
    arbitrary: fc.anything({
      withNullPrototype: true,
      withObjectString: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(deep(100_000), deep(40), JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')) },
);

export type Path = readonly (string | number)[];
export function leafPaths(v: unknown, path: Path = []): Path[] {
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    return [path, ...entries.flatMap(([k, x]) => leafPaths(x, [...path, k]))];
  }
  return [path];
}
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), value);
  return copy;
}
/** A valid input with one value (or the whole input) replaced by an adversarial one. */
export function mutated(valid: () => Record<string, unknown>) {
  return fc.constant(null).chain(() => {
    const seed = valid();
    return fc.tuple(fc.constantFrom(...leafPaths(seed)), fc.oneof(nasty, oddNumber, value)).map(([p, x]) => setAt(seed, p, x));
  });
}
