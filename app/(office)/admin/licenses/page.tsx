import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { requireUser } from "@/server/auth/current-user";
import { LicensesAdmin } from "./_parts/licenses-admin";

export default async function LicensesPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  const t = await getTranslations("licenses");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <LicensesAdmin />
    </div>
  );
}
