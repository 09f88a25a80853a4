import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { mayReadAllQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";

const LINKS = { nonconformities: "/quality/nonconformities", pareto: "/quality/nonconformities/pareto", actions: "/quality/actions" } as const;

/** The nonconformity and corrective-action screens' ways to each other (the Pareto is quality's and the GM's). */
export async function QualityNav({ current }: { current: keyof typeof LINKS }) {
  const t = await getTranslations("qualityOffice.nc.links");
  const user = await requireUser();
  const readsAll = mayReadAllQuality(user.role);
  const shown = (Object.keys(LINKS) as (keyof typeof LINKS)[]).filter(
    (k) => k === "actions" || readsAll || (k === "nonconformities" && user.role === "department_head"),
  );
  return (
    <nav className="tabs" aria-label={t("label")} data-testid="quality-nav">
      {shown.map((k) => (
        <Link
          key={k}
          className={`btn${k === current ? "" : " secondary"}`}
          href={LINKS[k]}
          aria-current={k === current ? "page" : undefined}
          data-testid={`quality-nav-${k}`}
        >
          {t(k)}
        </Link>
      ))}
    </nav>
  );
}
