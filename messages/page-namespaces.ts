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
export function pageClientMessages(messages: Record<string, unknown>, namespaces: readonly PageNamespace[] | "all"): Record<string, unknown> {
  if (namespaces === "all") return clientMessages(messages);
  const sent = rootClientMessages(messages);
  for (const ns of namespaces) if (ns in messages) sent[ns] = messages[ns];
  return sent;
}
