import { ZDeskFilter, type TDeskFilter } from "@/domain/work-orders/schemas";

/** The desk's filters live in the URL (back from an order returns to the same list; a link can be shared). */
export function filterFromParams(params: URLSearchParams): TDeskFilter {
  const flag = (k: string) => params.get(k) === "1";
  const candidate = {
    group: params.get("group") ?? undefined,
    assignee: params.get("lineman") ?? null,
    keyOnly: flag("key"),
    overdueOnly: flag("overdue"),
    from: params.get("from") || null,
    to: params.get("to") || null,
    q: params.get("q") ?? "",
  };
  const parsed = ZDeskFilter.safeParse(candidate);
  // A hand-edited URL with a bad value shows the default list rather than an error.
  return parsed.success ? parsed.data : ZDeskFilter.parse({});
}

export function paramsFromFilter(f: TDeskFilter): string {
  const p = new URLSearchParams();
  if (f.group !== "open") p.set("group", f.group);
  if (f.assignee) p.set("lineman", f.assignee);
  if (f.keyOnly) p.set("key", "1");
  if (f.overdueOnly) p.set("overdue", "1");
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.q) p.set("q", f.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}
