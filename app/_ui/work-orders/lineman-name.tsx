"use client";
import { useTranslations } from "next-intl";

/** The assigned lineman's name, "not assigned", or the name marked disabled (the order needs re-assigning). */
export function LinemanName({ name, active }: { name: string | null; active: boolean | null }) {
  const t = useTranslations("desk.list");
  if (!name) return <span style={{ color: "var(--warn)", fontWeight: 800 }}>{t("notAssigned")}</span>;
  if (active === false) return <span style={{ color: "var(--bad)", fontWeight: 800 }}>{t("linemanDisabled", { name })}</span>;
  return <span>{name}</span>;
}
