import { isFieldRole, type TRole } from "@/domain/auth/roles";
import { handlesItems } from "@/domain/items/labels";

export type TNavIcon = "home" | "scan" | "me" | "users";
export interface TNavItem {
  key: "home" | "scan" | "me" | "users";
  href: string;
  icon: TNavIcon;
  primary?: boolean;
}

/** Bottom navigation per role. Scan sits in the middle, within thumb reach, on every field role. */
export function navFor(role: TRole): TNavItem[] {
  const home: TNavItem = { key: "home", href: "/home", icon: "home" };
  const me: TNavItem = { key: "me", href: "/me", icon: "me" };
  if (role === "admin") return [home, { key: "users", href: "/admin/users", icon: "users" }, me];
  if (isFieldRole(role)) return [home, { key: "scan", href: "/scan", icon: "scan", primary: true }, me];
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
  return [...new Set([...hrefs, ...extra])];
}
