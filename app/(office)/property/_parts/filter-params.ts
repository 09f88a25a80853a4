import type { z } from "zod";
import { ZCaseFilter } from "@/domain/property/schemas";

export type TCaseFilter = z.output<typeof ZCaseFilter>;

/** The register's filters live in the URL (back from a case returns to the same list; a link can be shared). */
export function filterFromParams(params: URLSearchParams): TCaseFilter {
  const parsed = ZCaseFilter.safeParse({
    kind: params.get("kind") || null,
    status: params.get("status") || null,
    overdue: params.get("overdue") === "1",
    q: params.get("q") ?? "",
    page: Number(params.get("page") ?? 1) || 1,
  });
  // a hand-edited URL with a bad value shows the whole register rather than an error
  return parsed.success ? parsed.data : ZCaseFilter.parse({});
}

export function paramsFromFilter(f: TCaseFilter): string {
  const p = new URLSearchParams();
  if (f.kind) p.set("kind", f.kind);
  if (f.status) p.set("status", f.status);
  if (f.overdue) p.set("overdue", "1");
  if (f.q) p.set("q", f.q);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A server page's searchParams as URLSearchParams (the first value of a repeated one). */
export function toParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) p.set(k, first);
  }
  return p;
}
