import Link from "next/link";
import { getTranslations } from "next-intl/server";

const LINKS = { desk: "/complaints/desk", keyCustomers: "/complaints/key-customers", policy: "/complaints/policy", summary: "/complaints/summary" } as const;

/** The complaints screens' ways to each other (the desk, the register, the policy, the summary). */
export async function OfficeLinks({ current }: { current: keyof typeof LINKS }) {
  const t = await getTranslations("complaintsDesk.links");
  return (
    <nav className="card stack" style={{ marginTop: 18 }} aria-label={t("desk")} data-testid="complaints-links">
      {(Object.keys(LINKS) as (keyof typeof LINKS)[])
        .filter((k) => k !== current)
        .map((k) => (
          <Link key={k} className="btn secondary block" href={LINKS[k]} data-testid={`link-${k}`}>
            {t(k)}
          </Link>
        ))}
    </nav>
  );
}
