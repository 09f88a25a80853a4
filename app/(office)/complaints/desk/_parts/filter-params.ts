import { z } from "zod";
import { ZDeskQuery } from "@/domain/complaints/schemas";

/** The desk's filters: the query without its paging. */
export const ZDeskFilter = ZDeskQuery.omit({ cursor: true, limit: true, status: true });
export type TDeskFilter = z.output<typeof ZDeskFilter>;

const ORDER = ["state", "channel", "kind", "category", "department", "key", "q"] as const;

/** The filters live in the URL (back from a form returns to the same list; a link can be shared). */
export function filterFromParams(params: URLSearchParams): TDeskFilter {
  const key = params.get("key");
  const candidate = {
    state: params.get("state") ?? undefined,
    channel: params.get("channel") ?? undefined,
    kind: params.get("kind") ?? undefined,
    category: params.get("category") ?? undefined,
    department: params.get("department") ?? undefined,
    keyCustomer: key === "1" ? true : undefined,
    search: params.get("q") || undefined,
  };
  const parsed = ZDeskFilter.safeParse(candidate);
  // a hand-edited URL with a bad value shows the default list rather than an error
  return parsed.success ? parsed.data : ZDeskFilter.parse({});
}

export function paramsFromFilter(f: TDeskFilter): string {
  const values: Record<(typeof ORDER)[number], string | undefined> = {
    state: f.state === "open" ? undefined : f.state,
    channel: f.channel,
    kind: f.kind,
    category: f.category,
    department: f.department,
    key: f.keyCustomer ? "1" : undefined,
    q: f.search,
  };
  const p = new URLSearchParams();
  for (const k of ORDER) if (values[k]) p.set(k, values[k]);
  const s = p.toString();
  return s ? `?${s}` : "";
}
