import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { SUMMARY_READER_ROLES } from "@/server/complaints/summary";

const LINKS = { desk: "/complaints/desk", keyCustomers: "/complaints/key-customers", policy: "/complaints/policy", summary: "/complaints/summary" } as const;

/** The complaints screens' ways to each other (the desk, the register, the policy, the summary). */
export async function OfficeLinks({ current }: { current: keyof typeof LINKS }) {
  const t = await getTranslations("complaintsDesk.links");
  const user = await requireUser();
  // the month's summary is for those who read every form (a department head reads their department's only)
  const readsSummary = (SUMMARY_READER_ROLES as readonly string[]).includes(user.role);
  return (
    <nav className="card stack" style={{ marginTop: 18 }} aria-label={t("desk")} data-testid="complaints-links">
      {(Object.keys(LINKS) as (keyof typeof LINKS)[])
        .filter((k) => k !== current && (k !== "summary" || readsSummary))
        .map((k) => (
          <Link key={k} className="btn secondary block" href={LINKS[k]} data-testid={`link-${k}`}>
            {t(k)}
          </Link>
        ))}
    </nav>
  );
}
