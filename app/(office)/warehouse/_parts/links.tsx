import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";

const LINKS = {
  receipts: "/warehouse/receipts",
  forms: "/warehouse/forms",
  stock: "/warehouse/stock",
  quarantine: "/warehouse/quarantine",
  counts: "/warehouse/counts",
  search: "/warehouse/search",
} as const;
export type TWarehouseScreen = keyof typeof LINKS;

/**
 * The warehouse's office screens' ways to each other, at the top of each: big chips that wrap on a phone. Someone
 * who does not read the registers sees their department's receipts (to inspect) and what they are responsible for.
 */
export async function WarehouseLinks({ current }: { current: TWarehouseScreen | null }) {
  const t = await getTranslations("warehouseOffice.links");
  const user = await requireUser();
  const reads = mayReadRegisters(user);
  const keys = (Object.keys(LINKS) as TWarehouseScreen[]).filter((k) => reads || k === "receipts" || k === "quarantine");
  return (
    <nav className="tabs" aria-label={t("label")} data-testid="warehouse-links">
      {keys.map((k) => (
        <Link
          key={k}
          className={k === current ? "btn" : "btn secondary"}
          aria-current={k === current ? "page" : undefined}
          href={LINKS[k]}
          data-testid={`wlink-${k}`}
          style={{ flex: "1 0 auto" }}
        >
          {t(k)}
        </Link>
      ))}
    </nav>
  );
}
