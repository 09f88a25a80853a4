import Link from "next/link";
import { getTranslations } from "next-intl/server";

const LINKS = { register: "/property", items: "/property/items", maintenance: "/property/maintenance" } as const;

/** The customer-property screens' ways to each other: the register of cases, the item lists, maintenance agreements. */
export async function PropertyNav({ current }: { current: keyof typeof LINKS }) {
  const t = await getTranslations("propertyOffice.nav");
  return (
    <nav className="tabs" aria-label={t("label")} data-testid="property-nav">
      {(Object.keys(LINKS) as (keyof typeof LINKS)[]).map((k) => (
        <Link
          key={k}
          className={`btn${k === current ? "" : " secondary"}`}
          href={LINKS[k]}
          aria-current={k === current ? "page" : undefined}
          data-testid={`property-nav-${k}`}
        >
          {t(k)}
        </Link>
      ))}
    </nav>
  );
}
