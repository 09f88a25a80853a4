import { isFieldRole, type TDepartment, type TRole } from "@/domain/auth/roles";
import { isBorrowerRole, keepsInstrumentsOffline } from "@/domain/instruments/roles";
import { handlesItems } from "@/domain/items/labels";

export type TNavIcon = "home" | "scan" | "me" | "users" | "instruments" | "workOrders" | "notices" | "complaints" | "warehouse" | "quality" | "property";
export interface TNavItem {
  key: "home" | "scan" | "me" | "users" | "instruments" | "workOrders" | "notices" | "complaints" | "warehouse" | "quality" | "property";
  href: string;
  icon: TNavIcon;
  primary?: boolean;
}

/** Bottom navigation per role. Scan sits in the middle, within thumb reach, on every field role. */
export function navFor(role: TRole, department?: TDepartment | null): TNavItem[] {
  const tabs = tabsFor(role);
  if (readsPropertyRegister(role, department ?? null)) tabs.splice(-1, 0, { key: "property", href: "/property", icon: "property" });
  return [...tabs.slice(0, -1), { key: "notices", href: "/notices", icon: "notices" }, ...tabs.slice(-1)];
}

/**
 * The customer-property register (客户财产: PBX applications, customer-built works, maintenance agreements, ADR 0039):
 * customer service and Technology Development, who organise them, and quality and the general manager, who oversee.
 */
function readsPropertyRegister(role: TRole, department: TDepartment | null): boolean {
  if (role === "customer_service" || role === "quality" || role === "general_manager") return true;
  const organisers: readonly (TDepartment | null)[] = ["customer_service", "technology_development"];
  return (role === "department_head" || role === "instrument_custodian") && organisers.includes(department);
}

/** Each role's own tabs; every role also has its notices, just before "me" (navFor). */
function tabsFor(role: TRole): TNavItem[] {
  const home: TNavItem = { key: "home", href: "/home", icon: "home" };
  const me: TNavItem = { key: "me", href: "/me", icon: "me" };
  // the office work-order desk (customer service creates and assigns; admins too)
  const desk: TNavItem = { key: "workOrders", href: "/work-orders/desk", icon: "workOrders" };
  // the complaints desk (客户投诉查询表): customer service runs it, enterprise management and the general manager oversee it
  const complaints: TNavItem = { key: "complaints", href: "/complaints/desk", icon: "complaints" };
  // the warehouse's registers (receipts, Quality Acceptance Forms 《质量认可单》, stock, quarantine, counts): the keeper, heads, the general manager
  const warehouse: TNavItem = { key: "warehouse", href: "/warehouse/receipts", icon: "warehouse" };
  if (role === "customer_service") return [home, desk, complaints, me];
  if (role === "general_manager") return [home, complaints, warehouse, me];
  // quality (企业管理部): checks, nonconformities, corrective actions, billing; a head: their department's corrective actions
  if (role === "department_head") return [home, warehouse, { key: "quality", href: "/quality/actions", icon: "quality" }, me];
  if (role === "admin") return [home, desk, { key: "users", href: "/admin/users", icon: "users" }, me];
  const scan: TNavItem = { key: "scan", href: "/scan", icon: "scan", primary: true };
  // quality borrows meters too, but has five tabs already at 390 px: its quality tab takes the meters' place (its
  // instruments stay cached offline, keepsInstrumentsOffline, and one scan away)
  if (role === "quality") return [home, scan, { key: "quality", href: "/quality", icon: "quality" }, me];
  // people who borrow meters: their instruments (due days, reminders) one tap away
  if (isBorrowerRole(role)) return [home, scan, { key: "instruments", href: "/instruments", icon: "instruments" }, me];
  if (role === "warehouse_keeper") return [home, scan, warehouse, me];
  if (isFieldRole(role)) return [home, scan, me];
  return [home, me];
}

/**
 * Screens a role's phone caches for use with no signal: its navigation, plus (for roles that handle tagged
 * items) the item, zone and attention screens. Their URLs do not vary by item (the tag is in the hash), so
 * one cached page serves every item.
 */
export function offlinePagesFor(role: TRole): string[] {
  const hrefs = navFor(role).map((i) => i.href);
  const extra = handlesItems(role) ? ["/scan", "/items", "/zones", "/attention"] : [];
  // first-asker responsibility (首问负责制): everyone records a customer's complaint or inquiry, with no signal too
  extra.push("/complaints", "/complaints/new");
  // the instrument register is on every phone that borrows, lends or approves: one cached page serves every tag
  if (keepsInstrumentsOffline(role)) extra.push("/instruments", "/attention");
  // a lineman's work orders (one page, the id in the hash) and the customer's screen, for signing with no signal
  if (role === "lineman") extra.push("/work-orders", "/customer");
  // the keeper's offline day (each one page, the subject in the hash): receiving, labelling by the form, issue and
  // return, the stock-take of a zone — all done with no signal in the warehouse
  if (role === "warehouse_keeper") extra.push("/warehouse/receive", "/warehouse/label", "/warehouse/move", "/warehouse/count");
  // quality's label spot-check walk (one page, the check or the zone in the hash), walked with no signal
  if (role === "quality") extra.push("/quality/check");
  // customer property's inspection rounds (one page, the round in the hash): anyone may be named on a round, and it
  // is done at the customer's site with no signal (ADR 0039 §5)
  extra.push("/property/rounds");
  return [...new Set([...hrefs, ...extra])];
}
