import { getTranslations } from "next-intl/server";
import type { TRole } from "@/domain/auth/roles";

/** Role homes whose work arrives with later issues: an honest empty state in the role's own words. */
export async function PlaceholderHome({ role }: { role: Extract<TRole, "department_head" | "customer_service" | "quality"> }) {
  const t = await getTranslations("home");
  return <p className="empty">{t(`${role}.empty`)}</p>;
}
