"use client";
import { useTranslations } from "next-intl";

/** How many tag numbers this phone holds, and what to do when they run low offline (attach printed tags). */
export function LeaseNote({ left, low, known }: { left: number; low: boolean; known: boolean }) {
  const t = useTranslations("warehousePhone.lease");
  if (!known) return null;
  if (!low)
    return (
      <p className="muted small" data-testid="lease-left" data-left={left}>
        {t("left", { n: left })}
      </p>
    );
  return (
    <p className="alert" data-tone="warn" role="status" data-testid="lease-low" data-left={left}>
      {left === 0 ? t("none") : t("low", { n: left })}
    </p>
  );
}
