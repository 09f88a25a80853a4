"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Icon, type TIconName } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";

/** The keeper's day in four big buttons: receive, label by the form (with how many wait), issue/return, count a zone. */
export function WarehouseActions() {
  const t = useTranslations("warehouseCount.home");
  // receipts inspected (the Quality Acceptance Form signed) and waiting for the keeper to label them by the form
  const waiting = useReadCache("receipts-inspected", async (store) => (await store.getAll("receipts")).filter((r) => r.status === "inspected").length);
  const n = waiting.data ?? 0;
  return (
    <nav className="warehouse-actions" aria-label={t("actionsLabel")} style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 10, margin: "0 0 12px" }}>
      <Tile href="/warehouse/receive" icon="warehouse" label={t("receive")} testId="home-receive" />
      <Tile
        href="/warehouse/label"
        icon="check"
        label={t("label")}
        sub={waiting.data === undefined ? "\u00a0" : n > 0 ? t("labelWaiting", { count: n }) : t("labelNone")}
        tone={n > 0 ? "warn" : undefined}
        testId="home-label"
        data={{ "data-waiting": waiting.data ?? "" }}
      />
      <Tile href="/warehouse/move" icon="me" label={t("move")} testId="home-move" />
      <Tile href="/warehouse/count" icon="scan" label={t("count")} testId="home-count" />
    </nav>
  );
}

function Tile({
  href,
  icon,
  label,
  sub,
  tone,
  testId,
  data,
}: {
  href: string;
  icon: TIconName;
  label: string;
  sub?: string;
  tone?: "warn";
  testId: string;
  data?: Record<string, string | number>;
}) {
  return (
    <Link
      href={href}
      prefetch={false}
      className="btn secondary"
      data-testid={testId}
      {...data}
      style={{ minHeight: 96, flexDirection: "column", gap: 4, padding: "10px 8px", textAlign: "center", lineHeight: 1.2 }}
    >
      <Icon name={icon} size={30} />
      <strong style={{ fontSize: "1.05rem" }}>{label}</strong>
      {sub !== undefined && (
        <span className="small" style={tone === "warn" ? { color: "var(--warn)", fontWeight: 700 } : { color: "var(--ink-2)" }}>
          {sub}
        </span>
      )}
    </Link>
  );
}
