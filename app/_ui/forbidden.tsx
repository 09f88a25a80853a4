import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Forbidden() {
  const t = await getTranslations("forbidden");
  return (
    <div className="card stack" data-testid="forbidden">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <Link className="btn secondary" href="/home">
        {t("back")}
      </Link>
    </div>
  );
}
