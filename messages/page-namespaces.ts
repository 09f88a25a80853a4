import { clientMessages } from "./catalogue";

/**
 * Namespaces the root layout does not send to the browser (ADR 0036). A page whose client components read one of them
 * sends it with that page: `<PageMessages namespaces={[…]}>` (app/_ui/page-messages.tsx) around those components, or
 * `namespaces="all"` around a whole group (the office screens). So a home's HTML carries the words its own screen
 * reads, not every screen's: the catalogue was ~60 % of a home's HTML and pushed the homes past the second round trip
 * of a slow link (simulated LCP over 1.2 s).
 *
 * Every other namespace (the shell's, the ones many screens share, and any new one) still goes with every page.
 * domain/i18n/page-messages.test.ts checks that each client component reading one of these is under a PageMessages
 * that names it. Server components read every namespace whatever this list says.
 */
export const PAGE_NAMESPACES = [
  // read on the server only (the app's name, the forbidden screen): sent by no page
  "app",
  "forbidden",
  "login",
  "home",
  "me",
  "notices",
  "attention",
  "roles",
  "admin",
  "audit",
  "jobs",
  "licenses",
  "customer",
  "workOrders",
  "workOrderKind",
  "desk",
  "complaints",
  "complaintsPhone",
  "complaintsDesk",
  "instruments",
  "instrumentsUi",
  "instrumentCategory",
  "qualityPhone",
  "qualityOffice",
  "qualityHome",
  "property",
  "propertyPhone",
  "propertyOffice",
  "analysis",
  "analysisOffice",
  "analysisSurvey",
  "analysisReports",
] as const;

export type PageNamespace = (typeof PAGE_NAMESPACES)[number];

/**
 * What a page may name: a whole page namespace, or one part of it (`"instrumentsUi.approvals"`: that sub-tree only).
 * A part is for a page that reads a few corners of a big namespace (the head's home reads the approvals of
 * `instrumentsUi`, not its forms): the page's HTML carries those words only.
 */
export type PageMessagePath = PageNamespace | `${PageNamespace}.${string}`;

const isPageNamespace = (ns: string) => (PAGE_NAMESPACES as readonly string[]).includes(ns);

/** What the root layout sends to every page: the client's messages without the page namespaces. */
export function rootClientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(clientMessages(messages)).filter(([ns]) => !isPageNamespace(ns)));
}

/**
 * What a page's provider sends: the root's messages and the page namespaces named (every client namespace for "all").
 * A provider replaces the one above it (it does not merge), hence the root's again; the namespace objects are the
 * same ones the root layout sends, so a full page's RSC payload carries them once and refers to them here.
 */
export function pageClientMessages(messages: Record<string, unknown>, namespaces: readonly PageMessagePath[] | "all"): Record<string, unknown> {
  if (namespaces === "all") return clientMessages(messages);
  const sent = rootClientMessages(messages);
  // whole namespaces first, so a part named beside its whole namespace adds nothing
  const whole = new Set<string>(namespaces.filter((n) => !n.includes(".")));
  for (const ns of whole) if (ns in messages) sent[ns] = messages[ns];
  for (const path of namespaces) {
    const [ns, ...rest] = path.split(".");
    if (!ns || rest.length === 0 || whole.has(ns)) continue;
    const value = rest.reduce<unknown>((at, k) => (isTree(at) ? at[k] : undefined), messages[ns]);
    if (value === undefined) continue;
    // the part's path rebuilt under the namespace, beside the other parts already sent (new objects: the catalogue's
    // own are never written to)
    let at = (sent[ns] = isTree(sent[ns]) ? { ...sent[ns] } : {}) as Record<string, unknown>;
    for (const k of rest.slice(0, -1)) at = at[k] = isTree(at[k]) ? { ...at[k] } : {};
    at[rest.at(-1)!] = value;
  }
  return sent;
}

const isTree = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
