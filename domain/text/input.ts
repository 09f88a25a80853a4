/**
 * The backstop every input passes before any schema or recursive walk (issue 11): bounded nesting, and no string or
 * key the database cannot store (NUL, lone surrogates). Iterative, so no input can overflow the stack here; the
 * schemas behind it (domain/text/rules.ts) then apply each field's own rule.
 */
import { unstorable, type TTextProblem } from "./rules";

/** Deeper than any input of ours (a work order's snapshot is 4 levels); JSON.stringify and zod stay far from the stack limit. */
export const MAX_INPUT_DEPTH = 32;

export interface TInputProblem {
  /** Path to the value, dot-separated ("" for the input itself), e.g. "args.note" or "mutations.3.name". */
  field: string;
  reason: TTextProblem | "too_deep";
}

export function inputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): TInputProblem | null {
  const stack: { v: unknown; path: readonly (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      const reason = unstorable(v);
      if (reason) return { field: path.join("."), reason };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (path.length >= maxDepth) return { field: path.join("."), reason: "too_deep" };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i]!;
      const keyReason = unstorable(k);
      if (keyReason) return { field: [...path, "(key)"].join("."), reason: keyReason };
      stack.push({ v: child, path: [...path, k] });
    }
  }
  return null;
}
